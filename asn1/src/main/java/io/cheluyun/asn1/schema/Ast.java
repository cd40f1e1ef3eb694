package io.cheluyun.asn1.schema;

import java.util.List;
import java.util.Map;

/**
 * The parsed form of ASN.1 modules: what the notation says, before references are resolved. Only the parts of
 * X.680–X.683 that the V2X standards use are represented; the parser rejects the rest with file:line.
 */
public final class Ast {

    private Ast() {
    }

    /** Where a definition stands, for error messages. */
    public record Pos(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /**
     * One module (X.680 clause 13). {@code imports} maps each imported name to its source module.
     */
    public record Module(String name, Pos pos, Map<String, String> imports, List<Assignment> assignments) {
    }

    public sealed interface Assignment permits TypeAssignment, ValueAssignment, ClassAssignment,
            ObjectSetAssignment {
        String name();

        Pos pos();
    }

    /** {@code Name {params} ::= Type}; {@code params} is empty for an ordinary type (X.683 for the others). */
    public record TypeAssignment(String name, List<Param> params, Type type, Pos pos) implements Assignment {
    }

    /** A dummy parameter; {@code governor} is the class or type before the colon, or null. */
    public record Param(String governor, String name) {
    }

    /** {@code name Type ::= value}. */
    public record ValueAssignment(String name, Type type, Value value, Pos pos) implements Assignment {
    }

    /**
     * {@code NAME ::= CLASS {...} WITH SYNTAX {...}} (X.681 clause 9). Fields are {@code &id}-style names with
     * either a type ({@code &id Type UNIQUE}) for value fields or null for type fields ({@code &Type}).
     */
    public record ClassAssignment(String name, List<ClassField> fields, List<String> syntax, Pos pos)
            implements Assignment {
    }

    public record ClassField(String name, Type valueType, boolean unique, boolean optional) {
    }

    /** {@code Name CLASS ::= { object | object, ... }} (X.681 clause 12). */
    public record ObjectSetAssignment(String name, String className, ObjectSet set, Pos pos) implements Assignment {
    }

    /** Objects in a set, each as field name → its setting (a Type or a Value); a set may end extensible. */
    public record ObjectSet(List<Map<String, Object>> objects, List<String> includedSets, boolean extensible) {
    }

    // ---- types (X.680 clause 16 onwards) ----

    public sealed interface Type permits IntegerType, BooleanType, NullType, EnumeratedType, BitStringType,
            OctetStringType, CharStringType, SequenceType, SequenceOfType, ChoiceType, TypeRef, ClassFieldType,
            ObjectIdentifierType, RealType {
    }

    public record IntegerType(List<NamedNumber> namedNumbers, Constraint constraint) implements Type {
    }

    public record BooleanType() implements Type {
    }

    public record NullType() implements Type {
    }

    /** Not PER-encodable by Cheluyun; parsed so a module that mentions it in a type it does not use still loads. */
    public record RealType() implements Type {
    }

    /** OBJECT IDENTIFIER, or RELATIVE-OID when {@code relative}. */
    public record ObjectIdentifierType(boolean relative) implements Type {
    }

    /** {@code ENUMERATED { a(0), b, ..., c }}: root items, whether extensible, then the additions. */
    public record EnumeratedType(List<NamedNumber> root, boolean extensible, List<NamedNumber> additions)
            implements Type {
    }

    /** A named number; {@code value} is null when the item has none (numbered by X.680 20.3). */
    public record NamedNumber(String name, Long value) {
    }

    public record BitStringType(List<NamedNumber> namedBits, Constraint constraint) implements Type {
    }

    public record OctetStringType(Constraint constraint) implements Type {
    }

    /** IA5String, PrintableString, NumericString, VisibleString, UTF8String, ... */
    public record CharStringType(String kind, Constraint constraint) implements Type {
    }

    /**
     * SEQUENCE or SET: the root components, whether an extension marker is present, and the extension additions
     * in order, each a single component or an addition group ({@code [[ ... ]]}). Root components after a second
     * extension marker (X.680 25.1) are appended to {@code root}: PER encodes them with the first root part.
     */
    public record SequenceType(boolean set, List<Component> root, boolean extensible,
                               List<List<Component>> additions) implements Type {
    }

    /** {@code defaultValue} non-null means DEFAULT. */
    public record Component(String name, Type type, boolean optional, Value defaultValue, Pos pos) {
    }

    public record SequenceOfType(boolean set, Type element, Constraint constraint) implements Type {
    }

    public record ChoiceType(List<Component> root, boolean extensible, List<List<Component>> additions)
            implements Type {
    }

    /**
     * A reference to a type, possibly to another module ({@code Module.Type}), with actual parameters (X.683) and a
     * constraint of its own.
     */
    public record TypeRef(String module, String name, List<Object> actualParams, Constraint constraint, Pos pos)
            implements Type {
    }

    /**
     * {@code CLASS.&field} with an optional table constraint: {@code ({Set})} or {@code ({Set}{@ref})}
     * (X.681 14, X.682 10). {@code atPath} is the component path after {@code @}, dots kept.
     */
    public record ClassFieldType(String className, String field, String objectSet, String atPath, Pos pos)
            implements Type {
    }

    // ---- constraints (X.680 clauses 49–51), PER-visible parts ----

    /**
     * A constraint as far as PER needs it (X.691 9.3): a value range or single value, a SIZE range, a permitted
     * alphabet, each possibly extensible. Ends are {@link Value}s so references to constants resolve later.
     */
    public record Constraint(Value lower, Value upper, boolean extensible, Constraint size, String alphabet,
                             boolean alphabetIsRange) {
    }

    // ---- values ----

    public sealed interface Value permits IntValue, RefValue, BoolValue, BitsValue, MinMax, NamedBitsValue,
            OtherValue {
    }

    public record IntValue(long value) implements Value {
    }

    /** A value reference or an identifier (enumeration item, named number); resolved by context. */
    public record RefValue(String name) implements Value {
    }

    public record BoolValue(boolean value) implements Value {
    }

    /** {@code '0101'B} or {@code 'AF'H}, as bits. */
    public record BitsValue(String bits) implements Value {
    }

    /** {@code { a, b }} for a BIT STRING with named bits (empty for {@code {}}). */
    public record NamedBitsValue(List<String> names) implements Value {
    }

    public record MinMax(boolean max) implements Value {
    }

    /** Any other value notation (object identifiers, strings): kept as text, used only where it is harmless. */
    public record OtherValue(String text) implements Value {
    }
}
