package io.cheluyun.asn1.gen;

import io.cheluyun.asn1.schema.Ast.BitStringType;
import io.cheluyun.asn1.schema.Ast.BitsValue;
import io.cheluyun.asn1.schema.Ast.BoolValue;
import io.cheluyun.asn1.schema.Ast.BooleanType;
import io.cheluyun.asn1.schema.Ast.CharStringType;
import io.cheluyun.asn1.schema.Ast.ChoiceType;
import io.cheluyun.asn1.schema.Ast.ClassAssignment;
import io.cheluyun.asn1.schema.Ast.ClassField;
import io.cheluyun.asn1.schema.Ast.ClassFieldType;
import io.cheluyun.asn1.schema.Ast.Component;
import io.cheluyun.asn1.schema.Ast.Constraint;
import io.cheluyun.asn1.schema.Ast.EnumeratedType;
import io.cheluyun.asn1.schema.Ast.IntegerType;
import io.cheluyun.asn1.schema.Ast.MinMax;
import io.cheluyun.asn1.schema.Ast.Module;
import io.cheluyun.asn1.schema.Ast.NamedBitsValue;
import io.cheluyun.asn1.schema.Ast.NamedNumber;
import io.cheluyun.asn1.schema.Ast.NullType;
import io.cheluyun.asn1.schema.Ast.ObjectIdentifierType;
import io.cheluyun.asn1.schema.Ast.ObjectSetAssignment;
import io.cheluyun.asn1.schema.Ast.OctetStringType;
import io.cheluyun.asn1.schema.Ast.Pos;
import io.cheluyun.asn1.schema.Ast.RefValue;
import io.cheluyun.asn1.schema.Ast.SequenceOfType;
import io.cheluyun.asn1.schema.Ast.SequenceType;
import io.cheluyun.asn1.schema.Ast.Type;
import io.cheluyun.asn1.schema.Ast.TypeAssignment;
import io.cheluyun.asn1.schema.Ast.TypeRef;
import io.cheluyun.asn1.schema.Ast.Value;
import io.cheluyun.asn1.schema.SchemaException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates Java types with UPER (X.691, unaligned) encoders and decoders from parsed ASN.1 modules. Every named
 * type becomes a class with {@code static encode(BitWriter, T)} and {@code static T decode(BitReader)}: SEQUENCE and
 * SET → a record, CHOICE → a sealed interface of one record per alternative, ENUMERATED → an enum; INTEGER, strings,
 * SEQUENCE OF → a holder class of constants and the two methods, the values staying primitives, {@code byte[]},
 * {@code String}, {@code List}. Generated code calls the runtime directly: no reflection, no boxing of integers
 * (an absent OPTIONAL integer is {@link io.cheluyun.asn1.runtime.Absent}).
 */
public final class JavaGenerator {

    private static final String W = "io.cheluyun.asn1.per.BitWriter";
    private static final String RD = "io.cheluyun.asn1.per.BitReader";
    private static final String DX = "io.cheluyun.asn1.per.DecodeException";
    private static final String EX = "io.cheluyun.asn1.per.EncodeException";
    private static final String ABSENT = "io.cheluyun.asn1.runtime.Absent";
    private static final String OPEN = "io.cheluyun.asn1.runtime.OpenValue";
    private static final String BITSTRING = "io.cheluyun.asn1.runtime.BitString";
    private static final String VW = "io.cheluyun.asn1.runtime.ValueWriter";
    private static final String VR = "io.cheluyun.asn1.runtime.ValueReader";
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "var", "yield", "sealed", "permits",
            "hashCode", "equals", "toString", "getClass", "wait",
            "notify", "notifyAll", "clone", "finalize", "encode", "decode");

    // ---- resolved types ----

    sealed interface R permits RInt, RBool, RNull, RBits, ROctets, RChars, RSeqOf, RClass, ROpen, ROid {
    }

    /** OBJECT IDENTIFIER / RELATIVE-OID, held as dotted text. */
    record ROid(boolean relative, String holder) implements R {
    }

    /** {@code holder}: a generated class whose encode/decode to call, or null to generate helper methods. */
    record RInt(Long lb, Long ub, boolean ext, String holder) implements R {
        boolean isInt() {
            return lb != null && ub != null && lb >= Integer.MIN_VALUE + 1L && ub <= Integer.MAX_VALUE;
        }
    }

    record RBool(String holder) implements R {
    }

    record RNull() implements R {
    }

    record RBits(long lb, long ub, boolean ext, Map<String, Integer> named, String holder) implements R {
        boolean asLong() {
            return lb == ub && ub <= 64 && ub > 0 && !ext;
        }
    }

    record ROctets(long lb, long ub, boolean ext, String holder) implements R {
    }

    record RChars(long lb, long ub, boolean ext, int bits, String alphabet, boolean utf8, String holder)
            implements R {
    }

    /** {@code tag}: the XER element name of the list items (their type's name). */
    record RSeqOf(R element, long lb, long ub, boolean ext, String holder, String tag) implements R {
    }

    /** A generated SEQUENCE record, CHOICE interface or ENUMERATED enum; {@code enumItems}: ASN.1 → Java names. */
    record RClass(String cls, Map<String, String> enumItems) implements R {
    }

    record ROpen(Module module, ClassFieldType field, Map<String, Binding> params) implements R {
    }

    /** An actual parameter: an object set name as seen from the module that used the parameterised type. */
    record Binding(Module module, String setName) {
    }

    /** A class being generated: top-level, or nested in {@code parent}. */
    private static final class Unit {
        final String simpleName;
        final String fqName;
        final StringBuilder body = new StringBuilder();
        final List<Unit> nested = new ArrayList<>();
        String header;
        int helpers;

        Unit(String simpleName, String fqName) {
            this.simpleName = simpleName;
            this.fqName = fqName;
        }
    }

    private final Schema schema;
    private final String pkg;
    private final Map<String, R> byKey = new LinkedHashMap<>();
    private final Map<String, String> helperCache = new LinkedHashMap<>();
    private final Map<String, Unit> units = new TreeMap<>();
    private final Deque<Runnable> work = new ArrayDeque<>();
    private final Set<String> usedNames = new HashSet<>();

    /** Java type name → the module whose type gets it unqualified (see {@link #javaName}). */
    private final Map<String, Module> plainOwner = new LinkedHashMap<>();

    private JavaGenerator(Schema schema, String pkg) {
        this.schema = schema;
        this.pkg = pkg;
        for (Module m : schema.modules()) {
            for (var a : m.assignments()) {
                if (a instanceof TypeAssignment) {
                    plainOwner.merge(typeName(a.name()), m, (x, y) -> size(y) > size(x) ? y : x);
                }
            }
        }
    }

    private static int size(Module m) {
        return m.assignments().size();
    }

    /**
     * Java name of a type defined in module m. ASN.1 scopes names per module, Java per package: when modules of one
     * family define the same name (J2735's AddGrpB and DSRC both have MsgCount), the largest module's type keeps
     * the plain name and the others are prefixed with their module name.
     */
    private String javaName(Module m, String javaBase) {
        String plain = typeName(javaBase);
        Module owner = plainOwner.get(plain);
        return owner == null || owner == m ? plain : typeName(m.name()) + plain;
    }

    /** Java sources by fully qualified class name for every type of the modules. */
    public static Map<String, String> generate(List<Module> modules, String javaPackage) {
        JavaGenerator g = new JavaGenerator(new Schema(modules), javaPackage);
        for (Module m : g.schema.modules()) {
            for (var a : m.assignments()) {
                if (a instanceof TypeAssignment t && t.params().isEmpty()) {
                    g.named(m, t, Map.of(), t.name());
                }
            }
        }
        while (!g.work.isEmpty()) {
            g.work.poll().run();
        }
        Map<String, String> out = new TreeMap<>();
        for (Unit u : g.units.values()) {
            StringBuilder sb = new StringBuilder();
            sb.append("package ").append(javaPackage).append(";\n\n");
            sb.append("// Generated by Cheluyun's ASN.1 generator (io.cheluyun.asn1.gen). Do not edit: fix the schema or the generator.\n");
            write(sb, u);
            out.put(u.fqName, sb.toString());
        }
        return out;
    }

    private static void write(StringBuilder sb, Unit u) {
        sb.append(u.header.stripTrailing()).append(" {\n");
        StringBuilder inner = new StringBuilder(u.body.toString().stripTrailing()).append('\n');
        for (Unit n : u.nested) {
            inner.append('\n');
            write(inner, n);
        }
        sb.append(inner.toString().indent(4));
        sb.append("}\n");
    }

    // ---- naming ----

    static String typeName(String asn) {
        StringBuilder sb = new StringBuilder();
        boolean up = true;
        for (char c : asn.toCharArray()) {
            if (c == '-' || c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    static String fieldName(String asn) {
        String t = typeName(asn);
        String f = Character.toLowerCase(t.charAt(0)) + t.substring(1);
        return KEYWORDS.contains(f) ? f + "_" : f;
    }

    static String constName(String asn) {
        String c = asn.replace('-', '_');
        return KEYWORDS.contains(c) ? c + "_" : c;
    }

    private String topLevelName(String name, Pos pos) {
        if (!usedNames.add(name)) {
            throw new SchemaException(pos + ": two types map to the Java class " + name
                    + " in package " + pkg + "; rename one or generate the modules into separate packages");
        }
        return name;
    }

    // ---- resolution ----

    /** The class of a named (or instantiated parameterised) type, generating it on first use. */
    private R named(Module m, TypeAssignment t, Map<String, Binding> params, String javaBase) {
        String key = m.name() + "." + javaBase;
        if (byKey.containsKey(key)) {
            return byKey.get(key);
        }
        Type type = t.type();
        String javaName = javaName(m, javaBase);
        if (type instanceof TypeRef ref && ref.constraint() == null && ref.actualParams().isEmpty()) {
            // an alias: the same Java type as its target, no class of its own
            Schema.Found<TypeAssignment> f = schema.findType(m, ref.name(), ref.pos());
            R target = named(f.module(), f.assignment(), Map.of(), f.assignment().name());
            byKey.put(key, target);
            return target;
        }
        String fq = pkg + "." + javaName;
        Unit u = new Unit(javaName, fq);
        if (type instanceof SequenceType || type instanceof ChoiceType || type instanceof EnumeratedType) {
            topLevelName(javaName, t.pos());
            units.put(fq, u);
            RClass rc = new RClass(fq, type instanceof EnumeratedType e ? enumItems(e) : Map.of());
            if (type instanceof ChoiceType) {
                choiceClasses.add(fq);
            }
            byKey.put(key, rc);
            work.add(() -> struct(u, m, type, params, t.pos(), t.name()));
            return rc;
        }
        R inline = resolve(type, m, params, u, javaName + "Item");
        R withHolder = switch (inline) {
            case RInt i -> new RInt(i.lb(), i.ub(), i.ext(), fq);
            case RBool b -> new RBool(fq);
            case RBits b -> new RBits(b.lb(), b.ub(), b.ext(), b.named(), fq);
            case ROctets o -> new ROctets(o.lb(), o.ub(), o.ext(), fq);
            case RChars c -> new RChars(c.lb(), c.ub(), c.ext(), c.bits(), c.alphabet(), c.utf8(), fq);
            case RSeqOf q -> new RSeqOf(q.element(), q.lb(), q.ub(), q.ext(), fq, q.tag());
            case ROid o -> new ROid(o.relative(), fq);
            case RNull n -> n;
            case RClass c -> c;
            case ROpen o -> throw new SchemaException(t.pos() + ": a named open type is not supported");
        };
        byKey.put(key, withHolder);
        if (withHolder instanceof RNull || withHolder instanceof RClass) {
            return withHolder;
        }
        topLevelName(javaName, t.pos());
        units.put(fq, u);
        u.header = javadoc(t.name(), t.pos()) + "public final class " + javaName;
        u.body.append("private ").append(javaName).append("() {\n}\n\n");
        if (inline instanceof RInt i) {
            String jt = jtype(inline);
            String suffix = jt.equals("long") ? "L" : "";
            if (i.lb() != null) {
                u.body.append("public static final ").append(jt).append(" MIN = ").append(i.lb()).append(suffix)
                        .append(";\n");
            }
            if (i.ub() != null) {
                u.body.append("public static final ").append(jt).append(" MAX = ").append(i.ub()).append(suffix)
                        .append(";\n");
            }
            if (type instanceof IntegerType it) {
                for (NamedNumber n : it.namedNumbers()) {
                    u.body.append("public static final ").append(jt).append(' ').append(constName(n.name()))
                            .append(" = ").append(n.value()).append(suffix).append(";\n");
                }
            }
            u.body.append('\n');
        } else if (inline instanceof RBits b) {
            for (Map.Entry<String, Integer> e : b.named().entrySet()) {
                u.body.append("public static final int ").append(constName(e.getKey())).append(" = ")
                        .append(e.getValue()).append(";\n");
            }
            u.body.append('\n');
        }
        codecMethods(u, "public ", "encode", "decode", inline);
        return withHolder;
    }

    private static Map<String, String> enumItems(EnumeratedType e) {
        Map<String, String> items = new LinkedHashMap<>();
        for (NamedNumber n : e.root()) {
            items.put(n.name(), constName(n.name()));
        }
        for (NamedNumber n : e.additions()) {
            items.put(n.name(), constName(n.name()));
        }
        return items;
    }

    /**
     * Resolves a type as used in a component: named types to their class/holder, anonymous structured types to a
     * nested class of {@code owner} named {@code nestName}.
     */
    private R resolve(Type type, Module m, Map<String, Binding> params, Unit owner, String nestName) {
        return switch (type) {
            case IntegerType i -> intRange(m, i.constraint(), null);
            case BooleanType b -> new RBool(null);
            case NullType n -> new RNull();
            case BitStringType b -> {
                long[] size = size(m, b.constraint());
                Map<String, Integer> named = new LinkedHashMap<>();
                for (NamedNumber n : b.namedBits()) {
                    named.put(n.name(), n.value().intValue());
                }
                yield new RBits(size[0], size[1], size[2] == 1, named, null);
            }
            case OctetStringType o -> {
                long[] size = size(m, o.constraint());
                yield new ROctets(size[0], size[1], size[2] == 1, null);
            }
            case CharStringType c -> chars(m, c);
            case SequenceOfType s -> {
                long[] size = size(m, s.constraint());
                R element = resolve(s.element(), m, params, owner, nestName + "Item");
                yield new RSeqOf(element, size[0], size[1], size[2] == 1, null, xerTag(s.element()));
            }
            case SequenceType s -> nested(owner, nestName, m, s, params);
            case ChoiceType c -> nested(owner, nestName, m, c, params);
            case EnumeratedType e -> nested(owner, nestName, m, e, params);
            case ClassFieldType f -> classField(m, f, params);
            case ObjectIdentifierType o -> new ROid(o.relative(), null);
            case TypeRef ref -> reference(m, ref, params);
            default -> throw new SchemaException("type " + type + " is not supported by the UPER generator");
        };
    }

    /** XER names an element of a list or an open type by its type: the reference's name or the builtin's. */
    static String xerTag(Type t) {
        return switch (t) {
            // asn1c names an instance of a parameterised type after its actual parameter (PartIIcontent
            // {{BSMpartIIExtension}} items are <BSMpartIIExtension>)
            case TypeRef r when !r.actualParams().isEmpty() && r.actualParams().getFirst() instanceof String set -> set;
            case TypeRef r -> r.name();
            case IntegerType i -> "INTEGER";
            case BooleanType b -> "BOOLEAN";
            case NullType n -> "NULL";
            case EnumeratedType e -> "ENUMERATED";
            case BitStringType b -> "BIT_STRING";
            case OctetStringType o -> "OCTET_STRING";
            case CharStringType c -> c.kind();
            case SequenceType q -> q.set() ? "SET" : "SEQUENCE";
            case SequenceOfType q -> q.set() ? "SET_OF" : "SEQUENCE_OF";
            case ChoiceType c -> "CHOICE";
            default -> "VALUE";
        };
    }

    private R nested(Unit owner, String nestName, Module m, Type type, Map<String, Binding> params) {
        if (owner == null) {
            throw new SchemaException(m.name() + ": anonymous structured type outside a structure");
        }
        String simple = typeName(nestName);
        Unit u = new Unit(simple, owner.fqName + "." + simple);
        owner.nested.add(u);
        RClass rc = new RClass(u.fqName, type instanceof EnumeratedType e ? enumItems(e) : Map.of());
        if (type instanceof ChoiceType) {
            choiceClasses.add(u.fqName);
        }
        work.add(() -> struct(u, m, type, params, m.pos(), nestName));
        return rc;
    }

    private R reference(Module m, TypeRef ref, Map<String, Binding> params) {
        Schema.Found<TypeAssignment> f = schema.findType(m, ref.name(), ref.pos());
        TypeAssignment t = f.assignment();
        if (!t.params().isEmpty()) {
            if (t.params().size() != ref.actualParams().size()) {
                throw new SchemaException(ref.pos() + ": " + ref.name() + " takes " + t.params().size()
                        + " parameter(s), given " + ref.actualParams().size());
            }
            Map<String, Binding> bound = new LinkedHashMap<>();
            StringBuilder javaBase = new StringBuilder(t.name());
            for (int k = 0; k < t.params().size(); k++) {
                Object actual = ref.actualParams().get(k);
                if (!(actual instanceof String setName)) {
                    throw new SchemaException(ref.pos() + ": only object sets are supported as actual parameters");
                }
                Binding b = params.containsKey(setName) ? params.get(setName) : new Binding(m, setName);
                bound.put(t.params().get(k).name(), b);
                javaBase.append('-').append(b.setName());
            }
            return named(f.module(), t, bound, javaBase.toString());
        }
        R target = named(f.module(), t, Map.of(), t.name());
        if (ref.constraint() == null) {
            return target;
        }
        // a constrained reference: the target's kind with this constraint, encoded in place
        return switch (target) {
            case RInt i -> intRange(m, ref.constraint(), i);
            case ROctets o -> {
                long[] s = size(m, ref.constraint());
                yield new ROctets(s[0], s[1], s[2] == 1, null);
            }
            case RChars c when c.utf8() -> c;
            case RChars c -> {
                long[] s = size(m, ref.constraint());
                yield new RChars(s[0], s[1], s[2] == 1, c.bits(), c.alphabet(), c.utf8(), null);
            }
            case RSeqOf q -> {
                long[] s = size(m, ref.constraint());
                yield new RSeqOf(q.element(), s[0], s[1], s[2] == 1, null, q.tag());
            }
            case RBits b -> {
                long[] s = size(m, ref.constraint());
                yield new RBits(s[0], s[1], s[2] == 1, b.named(), null);
            }
            default -> target;
        };
    }

    private R classField(Module m, ClassFieldType f, Map<String, Binding> params) {
        ClassAssignment c = schema.findClass(f.className(), f.pos());
        ClassField field = c.fields().stream().filter(x -> x.name().equals(f.field())).findFirst()
                .orElseThrow(() -> new SchemaException(f.pos() + ": class " + c.name() + " has no field "
                        + f.field()));
        if (field.valueType() != null) {
            return resolve(field.valueType(), m, params, null, "Id");
        }
        if (f.objectSet() == null || f.atPath() == null) {
            throw new SchemaException(f.pos() + ": open type " + f.className() + "." + f.field()
                    + " needs a table constraint ({Set}{@id}) to be encodable");
        }
        return new ROpen(m, f, params);
    }

    private RInt intRange(Module m, Constraint c, RInt base) {
        if (c == null || (c.lower() == null && c.upper() == null)) {
            return base != null ? new RInt(base.lb(), base.ub(), base.ext(), null) : new RInt(null, null, false, null);
        }
        Long lb = c.lower() instanceof MinMax || c.lower() == null ? null
                : schema.intValue(m, c.lower(), m.pos());
        Long ub = c.upper() instanceof MinMax || c.upper() == null ? null
                : schema.intValue(m, c.upper(), m.pos());
        return new RInt(lb, ub, c.extensible(), null);
    }

    /** {lb, ub (−1: none), extensible 0/1} of a SIZE constraint; no constraint is 0..unbounded. */
    private long[] size(Module m, Constraint c) {
        if (c == null || c.size() == null) {
            return new long[] {0, -1, 0};
        }
        Constraint s = c.size();
        long lb = s.lower() == null || s.lower() instanceof MinMax ? 0 : schema.intValue(m, s.lower(), m.pos());
        long ub = s.upper() == null || s.upper() instanceof MinMax ? -1 : schema.intValue(m, s.upper(), m.pos());
        return new long[] {lb, ub, s.extensible() || c.extensible() ? 1 : 0};
    }

    /** Known-multiplier character strings (X.691 30.5): bits per character and whether codes or indices go out. */
    private RChars chars(Module m, CharStringType c) {
        long[] s = size(m, c.constraint());
        if (c.kind().equals("UTF8String")) {
            // not a known-multiplier type: its SIZE is not PER-visible (X.691 9.3.6), the length is an unconstrained
            // octet count (30.6)
            return new RChars(0, -1, false, 8, null, true, null);
        }
        String alphabet = switch (c.kind()) {
            case "NumericString" -> " 0123456789";
            case "PrintableString" -> " '()+,-./0123456789:=?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            case "VisibleString", "ISO646String" -> range(32, 126);
            case "IA5String" -> range(0, 127);
            default -> throw new SchemaException(m.name() + ": " + c.kind() + " is not a supported string type");
        };
        if (c.constraint() != null && c.constraint().alphabet() != null) {
            alphabet = c.constraint().alphabet().chars().sorted().distinct()
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }
        int n = alphabet.length();
        int bits = 0;
        while ((1 << bits) < n) {
            bits++;
        }
        char maxCode = alphabet.charAt(n - 1);
        boolean direct = maxCode < (1 << bits); // X.691 30.5.4 (b)
        return new RChars(s[0], s[1], s[2] == 1, bits, direct ? null : alphabet, false, null);
    }

    private static String range(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int c = from; c <= to; c++) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    // ---- Java types ----

    String jtype(R r) {
        return switch (r) {
            case RInt i -> i.isInt() ? "int" : "long";
            case RBool b -> "boolean";
            case RNull n -> "boolean";
            case RBits b -> b.asLong() ? "long" : BITSTRING;
            case ROctets o -> "byte[]";
            case RChars c -> "String";
            case RSeqOf s -> "java.util.List<" + boxed(jtype(s.element())) + ">";
            case RClass c -> c.cls();
            case ROpen o -> "Object";
            case ROid o -> "String";
        };
    }

    private static String boxed(String t) {
        return switch (t) {
            case "int" -> "Integer";
            case "long" -> "Long";
            case "boolean" -> "Boolean";
            default -> t;
        };
    }

    // ---- codec method bodies for non-structured types ----

    /** Writes encode/decode methods for an inline kind into {@code u}. */
    private void codecMethods(Unit u, String visibility, String encName, String decName, R r) {
        String jt = jtype(r);
        StringBuilder b = u.body;
        b.append(visibility).append("static void ").append(encName).append('(').append(W).append(" w, ")
                .append(jt).append(" v) {\n");
        b.append(encodeBody(u, r).indent(4));
        b.append("}\n\n");
        b.append(visibility).append("static ").append(jt).append(' ').append(decName).append('(').append(RD)
                .append(" r) throws ").append(DX).append(" {\n");
        b.append(decodeBody(u, r).indent(4));
        b.append("}\n\n");
        b.append(visibility).append("static void write(").append(VW).append(" out, ").append(jt).append(" v) {\n");
        b.append(writeBody(u, r).indent(4));
        b.append("}\n\n");
        b.append(visibility).append("static ").append(jt).append(" read(").append(VR).append(" in) {\n");
        b.append(readBody(u, r).indent(4));
        b.append("}\n\n");
    }

    /** Classes generated for CHOICE types: their list items are not wrapped in XER. */
    private final Set<String> choiceClasses = new HashSet<>();

    /**
     * The XER item tag as Java source: null for ENUMERATED, BOOLEAN and CHOICE items, which X.693 (and asn1c) write
     * without an element named by the type.
     */
    private String itemTag(RSeqOf q) {
        boolean emptyElement = q.element() instanceof RBool
                || (q.element() instanceof RClass c && (!c.enumItems().isEmpty() || choiceClasses.contains(c.cls())));
        return emptyElement ? "null" : "\"" + q.tag() + "\"";
    }

    private String readBody(Unit u, R r) {
        return switch (r) {
            case RInt i -> i.isInt() ? "long x = in.integer();\nif (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {\n"
                    + "    throw in.error(\"integer \" + x + \" out of range\");\n}\nreturn (int) x;"
                    : "return in.integer();";
            case RBool b -> "return in.bool();";
            case RNull n -> "return true;";
            case RBits b -> b.asLong() ? "return " + VR + ".bitsToLong(in.bits(true, " + b.ub() + "));"
                    : "return in.bits(" + (b.lb() == b.ub() && !b.ext()) + ", " + b.lb() + ");";
            case ROctets o -> "return in.octets();";
            case RChars c -> "return in.string();";
            case RSeqOf q -> "java.util.ArrayList<" + boxed(jtype(q.element())) + "> out = new java.util.ArrayList<>();\n"
                    + "for (" + VR + " x : in.items(" + itemTag(q) + ")) {\n    out.add(" + callName(u, q.element(), "Item")
                    + ".read(x));\n}\nreturn java.util.List.copyOf(out);";
            case RClass c -> "return " + c.cls() + ".read(in);";
            case ROid o -> "return in.string();";
            case ROpen o -> throw new IllegalStateException("open types are read by their sequence");
        };
    }

    private String writeBody(Unit u, R r) {
        return switch (r) {
            case RInt i -> "out.integer(v);";
            case RBool b -> "out.bool(v);";
            case RNull n -> "out.nul();";
            case RBits b -> b.asLong() ? "out.bits(" + VW + ".bitsOf(v, " + b.ub() + "), true, "
                    + !b.named().isEmpty() + ");"
                    : "out.bits(v, " + (b.lb() == b.ub() && !b.ext()) + ", " + !b.named().isEmpty() + ");";
            case ROctets o -> "out.octets(v);";
            case RChars c -> "out.string(v);";
            case RSeqOf q -> "out.beginList();\nfor (" + boxed(jtype(q.element())) + " e : v) {\n    out.item("
                    + itemTag(q) + ");\n    " + callName(u, q.element(), "Item") + ".write(out, e);\n    out.endItem();\n}\n"
                    + "out.endList();";
            case RClass c -> c.cls() + ".write(out, v);";
            case ROid o -> "out.string(v);";
            case ROpen o -> throw new IllegalStateException("open types are written by their sequence");
        };
    }

    private String encodeBody(Unit u, R r) {
        return switch (r) {
            case RInt i -> intEncode(i);
            case RBool b -> "w.writeBit(v);";
            case RNull n -> "";
            case RBits b -> b.asLong()
                    ? "w.writeBits(Long.reverse(v) >>> " + (64 - b.ub()) + ", " + b.ub() + ");"
                    : (b.named().isEmpty() ? "" : "v = v.namedBitsNormalised(" + b.lb() + ");\n")
                        + sized(b.lb(), b.ub(), b.ext(), "v.length()",
                        (lb, ub) -> "w.writeBitString(v.bytes(), v.length(), " + lb + ", " + ub + ");");
            case ROctets o -> sized(o.lb(), o.ub(), o.ext(), "v.length",
                    (lb, ub) -> "w.writeOctetString(v, " + lb + ", " + ub + ");");
            case RChars c -> c.utf8()
                    ? sized(c.lb(), c.ub(), c.ext(), "v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length",
                        (lb, ub) -> "w.writeOctetString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8), " + lb
                                + ", " + ub + ");")
                    : sized(c.lb(), c.ub(), c.ext(), "v.length()",
                        (lb, ub) -> "w.writeKnownMultiplierString(v, " + lb + ", " + ub + ", " + c.bits() + ", "
                                + javaString(c.alphabet()) + ");");
            case RSeqOf s -> seqOfEncode(u, s);
            case RClass c -> c.cls() + ".encode(w, v);";
            case ROid o -> "w.writeOctetString(io.cheluyun.asn1.runtime.Oids.encode(v, " + o.relative() + "), 0, -1);";
            case ROpen o -> throw new IllegalStateException("open types are encoded by their sequence");
        };
    }

    private String decodeBody(Unit u, R r) {
        return switch (r) {
            case RInt i -> intDecode(i);
            case RBool b -> "return r.readBit();";
            case RNull n -> "return true;";
            case RBits b -> b.asLong()
                    ? "return Long.reverse(r.readBits(" + b.ub() + ")) >>> " + (64 - b.ub()) + ";"
                    : sizedDecode(b.ext(), b.lb(), b.ub(), (lb, ub) -> "byte[] bits = r.readBitString(" + lb + ", " + ub + ");\nreturn new " + BITSTRING
                        + "(bits, r.lastBitLength());");
            case ROctets o -> sizedDecode(o.ext(), o.lb(), o.ub(),
                    (lb, ub) -> "return r.readOctetString(" + lb + ", " + ub + ");");
            case RChars c -> c.utf8()
                    ? sizedDecode(c.ext(), c.lb(), c.ub(), (lb, ub) -> "return new String(r.readOctetString(" + lb
                        + ", " + ub + "), java.nio.charset.StandardCharsets.UTF_8);")
                    : sizedDecode(c.ext(), c.lb(), c.ub(), (lb, ub) -> "return r.readKnownMultiplierString(" + lb
                        + ", " + ub + ", " + c.bits() + ", " + javaString(c.alphabet()) + ");");
            case RSeqOf s -> seqOfDecode(u, s);
            case RClass c -> "return " + c.cls() + ".decode(r);";
            case ROid o -> "long at = r.bitPosition();\nbyte[] contents = r.readOctetString(0, -1);\ntry {\n"
                    + "    return io.cheluyun.asn1.runtime.Oids.decode(contents, " + o.relative() + ");\n"
                    + "} catch (IllegalArgumentException e) {\n    throw new " + DX + "(e.getMessage(), at);\n}";
            case ROpen o -> throw new IllegalStateException("open types are decoded by their sequence");
        };
    }

    private static String intEncode(RInt i) {
        if (i.lb() != null && i.ub() != null) {
            String root = "w.writeConstrainedWholeNumber(v, " + i.lb() + "L, " + i.ub() + "L);";
            if (!i.ext()) {
                return root;
            }
            return "if (v >= " + i.lb() + "L && v <= " + i.ub() + "L) {\n    w.writeBit(false);\n    " + root
                    + "\n} else {\n    w.writeBit(true);\n    w.writeUnconstrainedWholeNumber(v);\n}";
        }
        if (i.lb() != null) {
            String root = "w.writeSemiConstrainedWholeNumber(v, " + i.lb() + "L);";
            return i.ext() ? "if (v >= " + i.lb() + "L) {\n    w.writeBit(false);\n    " + root
                    + "\n} else {\n    w.writeBit(true);\n    w.writeUnconstrainedWholeNumber(v);\n}" : root;
        }
        return (i.ext() ? "w.writeBit(false);\n" : "") + "w.writeUnconstrainedWholeNumber(v);";
    }

    private static String intDecode(RInt i) {
        String cast = i.isInt() ? "(int) " : "";
        String root;
        if (i.lb() != null && i.ub() != null) {
            root = "r.readConstrainedWholeNumber(" + i.lb() + "L, " + i.ub() + "L)";
        } else if (i.lb() != null) {
            root = "r.readSemiConstrainedWholeNumber(" + i.lb() + "L)";
        } else {
            root = "r.readUnconstrainedWholeNumber()";
        }
        if (!i.ext()) {
            return "return " + cast + root + ";";
        }
        String outside = "r.readUnconstrainedWholeNumber()";
        if (i.isInt()) {
            return "if (!r.readBit()) {\n    return " + cast + root + ";\n}\nlong x = " + outside
                    + ";\nif (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {\n    throw new " + DX
                    + "(\"extension value \" + x + \" does not fit this implementation's int\", r.bitPosition());\n}"
                    + "\nreturn (int) x;";
        }
        return "return r.readBit() ? " + outside + " : " + root + ";";
    }

    private interface Sized {
        String code(String lb, String ub);
    }

    /** SIZE handling common to strings and lists (X.691 16–17, 20, 30): the extension bit, then the root bounds. */
    private static String sized(long lb, long ub, boolean ext, String lengthExpr, Sized write) {
        String root = write.code(lb + "", ub + "");
        if (!ext) {
            return root;
        }
        String within = ub < 0 ? lengthExpr + " >= " + lb : lengthExpr + " >= " + lb + " && " + lengthExpr + " <= "
                + ub;
        return "if (" + within + ") {\n    w.writeBit(false);\n    " + root.replace("\n", "\n    ")
                + "\n} else {\n    w.writeBit(true);\n    " + write.code("0", "-1").replace("\n", "\n    ") + "\n}";
    }

    private static String sizedDecode(boolean ext, long lb, long ub, Sized read) {
        if (!ext) {
            return read.code(lb + "", ub + "");
        }
        return "if (r.readBit()) {\n    " + read.code("0", "-1").replace("\n", "\n    ") + "\n}\n"
                + read.code(lb + "", ub + "");
    }

    private String seqOfEncode(Unit u, RSeqOf s) {
        String itemEnc = itemEncoder(u, s.element());
        String loopFixed = "for (int k = 0; k < n; k++) {\n    " + itemEnc.replace("ITEM", "v.get(k)") + "\n}";
        String general = "int off = 0;\nint chunk;\ndo {\n    chunk = w.writeLengthChunk(n - off);\n"
                + "    for (int k = off; k < off + chunk; k++) {\n        " + itemEnc.replace("ITEM", "v.get(k)")
                + "\n    }\n    off += chunk;\n} while (chunk >= 16384);";
        StringBuilder b = new StringBuilder("int n = v.size();\n");
        String root;
        if (s.ub() >= 0 && s.ub() < 65536) {
            root = (s.lb() == s.ub() ? "if (n != " + s.lb() + ") {\n    throw new " + EX
                    + "(\"SEQUENCE OF needs exactly " + s.lb() + " items, has \" + n);\n}\n"
                    : "w.writeConstrainedLength(n, " + s.lb() + ", " + s.ub() + ");\n") + loopFixed;
        } else {
            root = (s.lb() > 0 ? "if (n < " + s.lb() + ") {\n    throw new " + EX + "(\"SEQUENCE OF needs at least "
                    + s.lb() + " items, has \" + n);\n}\n" : "") + general;
        }
        if (s.ext()) {
            String within = s.ub() < 0 ? "n >= " + s.lb() : "n >= " + s.lb() + " && n <= " + s.ub();
            b.append("if (").append(within).append(") {\n    w.writeBit(false);\n")
                    .append(root.indent(4)).append("} else {\n    w.writeBit(true);\n")
                    .append(general.indent(4)).append("}\n");
        } else {
            b.append(root).append('\n');
        }
        return b.toString();
    }

    private String seqOfDecode(Unit u, RSeqOf s) {
        String itemDec = itemDecoder(u, s.element());
        String general = "int chunk;\ndo {\n    chunk = r.readLengthChunk();\n    r.checkedCount(chunk, 0);\n"
                + "    for (int k = 0; k < chunk; k++) {\n        out.add(" + itemDec + ");\n    }\n"
                + "} while (chunk >= 16384);";
        String fixed;
        if (s.ub() >= 0 && s.ub() < 65536) {
            fixed = "int n = " + (s.lb() == s.ub() ? s.lb() + ";" : "r.readConstrainedLength(" + s.lb() + ", "
                    + s.ub() + ");") + "\nfor (int k = 0; k < n; k++) {\n    out.add(" + itemDec + ");\n}";
        } else {
            fixed = general;
        }
        String elem = boxed(jtype(s.element()));
        StringBuilder b = new StringBuilder("java.util.ArrayList<" + elem + "> out = new java.util.ArrayList<>();\n");
        if (s.ext()) {
            b.append("if (r.readBit()) {\n").append(general.indent(4)).append("} else {\n")
                    .append(fixed.indent(4)).append("}\n");
        } else {
            b.append(fixed).append('\n');
        }
        if (s.ub() < 0 || s.lb() > 0) {
            b.append(s.lb() > 0 ? "if (out.size() < " + s.lb() + ") {\n    throw new " + DX
                    + "(\"SEQUENCE OF has \" + out.size() + \" items, needs at least " + s.lb()
                    + "\", r.bitPosition());\n}\n" : "");
        }
        b.append("return java.util.List.copyOf(out);");
        return b.toString();
    }

    /** Statement encoding the placeholder ITEM of type r. */
    private String itemEncoder(Unit u, R r) {
        return callName(u, r, "Item") + ".encode(w, ITEM);";
    }

    private String itemDecoder(Unit u, R r) {
        return callName(u, r, "Item") + ".decode(r)";
    }

    /**
     * The class whose static encode/decode handle r: its own class or holder, else a helper class generated inside
     * {@code u}.
     */
    private String callName(Unit u, R r, String hint) {
        String own = switch (r) {
            case RClass c -> c.cls();
            case RInt i -> i.holder();
            case RBool b -> b.holder();
            case RBits b -> b.holder();
            case ROctets o -> o.holder();
            case RChars c -> c.holder();
            case RSeqOf s -> s.holder();
            case ROid o -> o.holder();
            case RNull n -> null;
            case ROpen o -> null;
        };
        if (own != null) {
            return own;
        }
        String cacheKey = u.fqName + "|" + r;
        String cached = helperCache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        String name = "Codec" + (++u.helpers) + hint;
        helperCache.put(cacheKey, name);
        Unit h = new Unit(name, u.fqName + "." + name);
        h.header = "/** Encoding of an anonymous component type. */\nstatic final class " + name;
        h.body.append("private ").append(name).append("() {\n}\n\n");
        codecMethods(h, "", "encode", "decode", r);
        u.nested.add(h);
        return name;
    }

    // ---- structured types ----

    private void struct(Unit u, Module m, Type type, Map<String, Binding> params, Pos pos, String asnName) {
        switch (type) {
            case SequenceType s -> sequence(u, m, s, params, pos, asnName);
            case ChoiceType c -> choice(u, m, c, params, pos, asnName);
            case EnumeratedType e -> enumerated(u, e, pos, asnName);
            default -> throw new IllegalStateException();
        }
    }

    private String javadoc(String asnName, Pos pos) {
        return "/** ASN.1 {@code " + asnName + "} (" + pos + "). */\n";
    }

    private void enumerated(Unit u, EnumeratedType e, Pos pos, String asnName) {
        List<NamedNumber> root = numbered(e.root());
        root.sort((a, b) -> Long.compare(a.value(), b.value()));
        List<NamedNumber> adds = numbered(e.additions());
        u.header = javadoc(asnName, pos) + "public enum " + u.simpleName;
        StringBuilder b = u.body;
        List<String> items = new ArrayList<>();
        for (NamedNumber n : root) {
            items.add(constName(n.name()) + "(" + n.value() + "L)");
        }
        for (NamedNumber n : adds) {
            items.add(constName(n.name()) + "(" + n.value() + "L)");
        }
        if (e.extensible()) {
            items.add("/** An extension value this schema does not know (decoded, never encoded). */\n"
                    + "UNKNOWN_EXTENSION(-1L)");
        }
        b.append(String.join(",\n", items)).append(";\n\n");
        b.append("private static final ").append(u.simpleName).append("[] VALUES = values();\n");
        List<String> asnNames = new ArrayList<>();
        root.forEach(x -> asnNames.add(javaString(x.name())));
        adds.forEach(x -> asnNames.add(javaString(x.name())));
        if (e.extensible()) {
            asnNames.add("\"UNKNOWN_EXTENSION\"");
        }
        b.append("private static final String[] ASN1_NAMES = {").append(String.join(", ", asnNames)).append("};\n");
        b.append("/** The number the schema gives this item. */\npublic final long number;\n\n");
        b.append(u.simpleName).append("(long number) {\n    this.number = number;\n}\n\n");
        int n = root.size();
        b.append("public static void encode(").append(W).append(" w, ").append(u.simpleName).append(" v) {\n");
        b.append("    int o = v.ordinal();\n");
        if (e.extensible()) {
            b.append("    if (v == UNKNOWN_EXTENSION) {\n        throw new ").append(EX)
                    .append("(\"cannot encode an unknown extension value of ").append(asnName).append("\");\n    }\n");
            b.append("    if (o < ").append(n).append(") {\n        w.writeBit(false);\n        w.writeConstrainedWholeNumber(o, 0L, ")
                    .append(n - 1).append("L);\n    } else {\n        w.writeBit(true);\n        w.writeNormallySmallNonNegative(o - ")
                    .append(n).append(");\n    }\n");
        } else {
            b.append("    w.writeConstrainedWholeNumber(o, 0L, ").append(n - 1).append("L);\n");
        }
        b.append("}\n\n");
        b.append("public static ").append(u.simpleName).append(" decode(").append(RD).append(" r) throws ")
                .append(DX).append(" {\n");
        if (e.extensible()) {
            b.append("    if (r.readBit()) {\n        long k = r.readNormallySmallNonNegative();\n        if (k < ")
                    .append(adds.size()).append(") {\n            return VALUES[").append(n)
                    .append(" + (int) k];\n        }\n        r.noteUnknownExtension();\n        return UNKNOWN_EXTENSION;\n    }\n");
        }
        b.append("    return VALUES[(int) r.readConstrainedWholeNumber(0L, ").append(n - 1).append("L)];\n}\n\n");
        b.append("/** The item's identifier in the schema. */\npublic String asn1Name() {\n    return ASN1_NAMES[ordinal()];\n}\n\n");
        b.append("public static void write(").append(VW).append(" out, ").append(u.simpleName)
                .append(" v) {\n    out.enumerated(v.asn1Name());\n}\n\n");
        b.append("public static ").append(u.simpleName).append(" read(").append(VR).append(" in) {\n")
                .append("    String name = in.enumerated();\n    for (int k = 0; k < ASN1_NAMES.length; k++) {\n")
                .append("        if (ASN1_NAMES[k].equals(name)) {\n            return VALUES[k];\n        }\n    }\n")
                .append("    throw in.error(\"'\" + name + \"' is not an item of ").append(asnName).append("\");\n}\n");
    }

    /** X.680 20.3: items without a number take the smallest free non-negative numbers in order. */
    private static List<NamedNumber> numbered(List<NamedNumber> items) {
        Set<Long> taken = new HashSet<>();
        for (NamedNumber n : items) {
            if (n.value() != null) {
                taken.add(n.value());
            }
        }
        List<NamedNumber> out = new ArrayList<>();
        long next = 0;
        for (NamedNumber n : items) {
            if (n.value() != null) {
                out.add(n);
            } else {
                while (taken.contains(next)) {
                    next++;
                }
                taken.add(next);
                out.add(new NamedNumber(n.name(), next));
            }
        }
        return out;
    }

    /**
     * A component as generated: where it sits (root, or extension addition k) and how it is held in Java.
     *
     * @param optional on the wire: has a presence bit in its SEQUENCE or addition group
     * @param nullable in Java: may be absent (optional, or any extension addition)
     */
    private record Comp(Component c, String java, R r, String jt, boolean optional, boolean nullable, int addition,
                        boolean inGroup) {
        boolean defaulted() {
            return c.defaultValue() != null;
        }
    }

    private void sequence(Unit u, Module m, SequenceType s, Map<String, Binding> params, Pos pos, String asnName) {
        currentModule = m;
        List<Comp> comps = new ArrayList<>();
        for (Component c : s.root()) {
            comps.add(comp(u, m, c, params, c.optional() || c.defaultValue() != null, -1, false));
        }
        for (int k = 0; k < s.additions().size(); k++) {
            List<Component> group = s.additions().get(k);
            boolean isGroup = group.size() > 1;
            for (Component c : group) {
                // a single addition's presence is its bit in the extension bitmap; in a group, OPTIONAL as written
                comps.add(comp(u, m, c, params, isGroup && (c.optional() || c.defaultValue() != null), k, isGroup));
            }
        }
        StringBuilder b = u.body;
        List<String> fields = new ArrayList<>();
        for (Comp c : comps) {
            fields.add(c.jt() + " " + c.java());
        }
        u.header = javadoc(asnName, pos) + "public record " + u.simpleName + "(" + String.join(", ", fields) + ")";
        boolean arrays = comps.stream().anyMatch(c -> c.jt().equals("byte[]"));
        List<String> checks = new ArrayList<>();
        for (Comp c : comps) {
            if (!c.nullable() && !isPrimitive(c.jt())) {
                checks.add("java.util.Objects.requireNonNull(" + c.java() + ", \"" + c.c().name() + "\");");
            }
        }
        if (!checks.isEmpty()) {
            b.append("public ").append(u.simpleName).append(" {\n").append(String.join("\n", checks).indent(4))
                    .append("}\n\n");
        }
        for (Comp c : comps) {
            if (c.nullable() && (c.jt().equals("int") || c.jt().equals("long")) && !c.defaulted()) {
                b.append("public boolean has").append(typeName(c.java().replace("_", ""))).append("() {\n    return ")
                        .append(present(c, c.java())).append(";\n}\n\n");
            }
        }
        sequenceEncode(u, s, comps);
        sequenceDecode(u, s, comps);
        sequenceWrite(u, comps);
        sequenceRead(u, comps);
        if (arrays) {
            arrayEquality(u, comps);
        }
    }

    private static boolean isPrimitive(String jt) {
        return jt.equals("int") || jt.equals("long") || jt.equals("boolean");
    }

    private Comp comp(Unit u, Module m, Component c, Map<String, Binding> params, boolean optional, int addition,
                      boolean inGroup) {
        R r = resolve(c.type(), m, params, u, c.name());
        boolean nullable = optional || addition >= 0;
        String jt = jtype(r);
        if (nullable && r instanceof RBool) {
            jt = "Boolean";
        }
        // an absent OPTIONAL long is Long.MIN_VALUE: unconstrained INTEGERs reaching it are not used in V2X schemas
        return new Comp(c, fieldName(c.name()), r, jt, optional, nullable, addition, inGroup);
    }

    /** Java expression: is component c (value expression {@code v}) present on the wire? */
    private String present(Comp c, String v) {
        if (c.defaulted()) {
            String def = defaultExpr(c);
            return isPrimitive(c.jt()) ? v + " != " + def : "!" + def + ".equals(" + v + ")";
        }
        return switch (c.jt()) {
            case "int" -> v + " != " + ABSENT + ".INT";
            case "long" -> v + " != " + ABSENT + ".LONG";
            case "boolean" -> v;
            default -> v + " != null";
        };
    }

    private String absentValue(Comp c) {
        if (c.defaulted()) {
            return defaultExpr(c);
        }
        return switch (c.jt()) {
            case "int" -> ABSENT + ".INT";
            case "long" -> ABSENT + ".LONG";
            case "boolean" -> "false";
            default -> "null";
        };
    }

    private String defaultExpr(Comp c) {
        Value v = c.c().defaultValue();
        return switch (c.r()) {
            case RInt i -> {
                long x;
                if (v instanceof RefValue ref && c.c().type() instanceof TypeRef) {
                    x = namedNumberOrValue(c, ref);
                } else {
                    x = schema.intValue(currentModule, v, c.c().pos());
                }
                yield i.isInt() ? Long.toString(x) : x + "L";
            }
            case RBool b -> v instanceof BoolValue bv ? Boolean.toString(bv.value()) : "false";
            case RClass e when !e.enumItems().isEmpty() && v instanceof RefValue ref -> {
                String item = e.enumItems().get(ref.name());
                if (item == null) {
                    throw new SchemaException(c.c().pos() + ": DEFAULT " + ref.name() + " is not an item of "
                            + e.cls());
                }
                yield e.cls() + "." + item;
            }
            case RBits b when b.asLong() -> {
                long bits = 0;
                if (v instanceof NamedBitsValue nb) {
                    for (String name : nb.names()) {
                        bits |= 1L << b.named().get(name);
                    }
                } else if (v instanceof BitsValue bv) {
                    for (int k = 0; k < bv.bits().length(); k++) {
                        if (bv.bits().charAt(k) == '1') {
                            bits |= 1L << k;
                        }
                    }
                }
                yield bits + "L";
            }
            default -> throw new SchemaException(c.c().pos() + ": DEFAULT of this type is not supported");
        };
    }

    private long namedNumberOrValue(Comp c, RefValue ref) {
        TypeRef t = (TypeRef) c.c().type();
        Module m = currentModule;
        Schema.Found<TypeAssignment> f = schema.findType(m, t.name(), t.pos());
        if (f.assignment().type() instanceof IntegerType it) {
            for (NamedNumber n : it.namedNumbers()) {
                if (n.name().equals(ref.name())) {
                    return n.value();
                }
            }
        }
        return schema.intValue(m, ref, c.c().pos());
    }

    /** The module of the structured type being generated: DEFAULT values resolve in it. */
    private Module currentModule;

    private void sequenceEncode(Unit u, SequenceType s, List<Comp> comps) {
        StringBuilder b = new StringBuilder();
        int additions = s.additions().size();
        List<String> addPresent = new ArrayList<>();
        for (int k = 0; k < additions; k++) {
            List<String> any = new ArrayList<>();
            for (Comp c : comps) {
                if (c.addition() == k) {
                    any.add(present(c, "v." + c.java() + "()"));
                }
            }
            addPresent.add("(" + String.join(" || ", any) + ")");
        }
        if (s.extensible()) {
            b.append("boolean ext = ").append(additions == 0 ? "false" : String.join(" || ", addPresent))
                    .append(";\nw.writeBit(ext);\n");
        }
        for (Comp c : comps) {
            if (c.addition() < 0 && c.optional()) {
                b.append("w.writeBit(").append(present(c, "v." + c.java() + "()")).append(");\n");
            }
        }
        for (Comp c : comps) {
            if (c.addition() < 0) {
                b.append(encodeComp(u, c, comps, "w", c.optional()));
            }
        }
        if (s.extensible() && additions > 0) {
            b.append("if (ext) {\n    w.writeNormallySmallLength(").append(additions).append(");\n");
            for (int k = 0; k < additions; k++) {
                b.append("    w.writeBit(").append(addPresent.get(k)).append(");\n");
            }
            for (int k = 0; k < additions; k++) {
                b.append("    if (").append(addPresent.get(k)).append(") {\n        ").append(W)
                        .append(" x = w.scratch();\n");
                final int kk = k;
                List<Comp> group = comps.stream().filter(c -> c.addition() == kk).toList();
                if (group.get(0).inGroup()) {
                    for (Comp c : group) {
                        if (c.optional()) {
                            b.append("        x.writeBit(").append(present(c, "v." + c.java() + "()"))
                                    .append(");\n");
                        }
                    }
                    for (Comp c : group) {
                        b.append(encodeComp(u, c, comps, "x", c.optional()).indent(8));
                    }
                } else {
                    b.append(encodeComp(u, group.get(0), comps, "x", false).indent(8));
                }
                b.append("        w.writeOpenType(x);\n    }\n");
            }
            b.append("}\n");
        }
        u.body.append("public static void encode(").append(W).append(" w, ").append(u.simpleName)
                .append(" v) {\n").append(b.toString().indent(4)).append("}\n\n");
    }

    private String encodeComp(Unit u, Comp c, List<Comp> all, String writer, boolean guarded) {
        String v = "v." + c.java() + "()";
        String stmt;
        if (c.r() instanceof ROpen o) {
            stmt = openEncode(u, c, o, all, writer);
        } else if (c.r() instanceof RNull) {
            return "";
        } else {
            String call = callName(u, c.r(), typeName(c.c().name()));
            String value = c.jt().equals("Boolean") ? v + ".booleanValue()" : v;
            stmt = call + ".encode(" + writer + ", " + value + ");";
        }
        if (guarded) {
            return "if (" + present(c, v) + ") {\n    " + stmt.replace("\n", "\n    ") + "\n}\n";
        }
        return stmt + "\n";
    }

    private void sequenceDecode(Unit u, SequenceType s, List<Comp> comps) {
        StringBuilder b = new StringBuilder();
        if (s.extensible()) {
            b.append("boolean ext = r.readBit();\n");
        }
        int opt = 0;
        for (Comp c : comps) {
            if (c.addition() < 0 && c.optional()) {
                b.append("boolean p").append(opt++).append(" = r.readBit();\n");
            }
        }
        opt = 0;
        for (Comp c : comps) {
            if (c.addition() < 0) {
                String dec = decodeComp(u, c, comps, "r");
                b.append(c.jt()).append(' ').append(c.java()).append(" = ");
                if (c.optional()) {
                    b.append("p").append(opt++).append(" ? ").append(dec).append(" : ").append(absentValue(c));
                } else {
                    b.append(dec);
                }
                b.append(";\n");
            }
        }
        int additions = s.additions().size();
        for (Comp c : comps) {
            if (c.addition() >= 0) {
                b.append(c.jt()).append(' ').append(c.java()).append(" = ").append(absentValue(c)).append(";\n");
            }
        }
        if (s.extensible()) {
            b.append("if (ext) {\n    int n = r.readNormallySmallLength();\n");
            b.append("    long present = 0L;\n    int unknown = 0;\n");
            b.append("    for (int k = 0; k < n; k++) {\n        if (r.readBit()) {\n");
            b.append("            if (k < ").append(additions).append(") {\n                present |= 1L << k;\n")
                    .append("            } else {\n                unknown++;\n            }\n        }\n    }\n");
            for (int k = 0; k < additions; k++) {
                final int kk = k;
                List<Comp> group = comps.stream().filter(c -> c.addition() == kk).toList();
                b.append("    if ((present & ").append(1L << k).append("L) != 0) {\n        ").append(RD)
                        .append(" x = r.readOpenType();\n");
                if (group.get(0).inGroup()) {
                    int g = 0;
                    for (Comp c : group) {
                        if (c.optional()) {
                            b.append("        boolean g").append(g++).append(" = x.readBit();\n");
                        }
                    }
                    g = 0;
                    for (Comp c : group) {
                        String dec = decodeComp(u, c, comps, "x");
                        b.append("        ").append(c.java()).append(" = ")
                                .append(c.optional() ? "g" + (g++) + " ? " + dec + " : " + absentValue(c) : dec)
                                .append(";\n");
                    }
                } else {
                    b.append("        ").append(group.get(0).java()).append(" = ")
                            .append(decodeComp(u, group.get(0), comps, "x")).append(";\n");
                }
                b.append("    }\n");
            }
            b.append("    for (int k = 0; k < unknown; k++) {\n        r.skipUnknownExtension();\n    }\n}\n");
        }
        List<String> names = comps.stream().map(Comp::java).toList();
        b.append("return new ").append(u.simpleName).append('(').append(String.join(", ", names)).append(");\n");
        u.body.append("public static ").append(u.simpleName).append(" decode(").append(RD).append(" r) throws ")
                .append(DX).append(" {\n").append(b.toString().indent(4)).append("}\n\n");
    }

    private void sequenceWrite(Unit u, List<Comp> comps) {
        StringBuilder b = new StringBuilder("out.beginSequence();\n");
        for (Comp c : comps) {
            String v = "v." + c.java() + "()";
            String value;
            if (c.r() instanceof ROpen o) {
                value = openWrite(u, c, o, comps);
            } else if (c.r() instanceof RNull) {
                value = "out.nul();";
            } else {
                value = callName(u, c.r(), typeName(c.c().name())) + ".write(out, " + v
                        + (c.jt().equals("Boolean") ? ".booleanValue()" : "") + ");";
            }
            String stmt = "out.field(\"" + c.c().name() + "\");\n" + value + "\nout.endField();";
            if (c.nullable() || c.defaulted()) {
                b.append("if (").append(present(c, v)).append(") {\n").append(stmt.indent(4)).append("}\n");
            } else {
                b.append(stmt).append('\n');
            }
        }
        b.append("out.endSequence();\n");
        u.body.append("public static void write(").append(VW).append(" out, ").append(u.simpleName)
                .append(" v) {\n").append(b.toString().indent(4)).append("}\n\n");
    }

    private void sequenceRead(Unit u, List<Comp> comps) {
        StringBuilder b = new StringBuilder();
        for (Comp c : comps) {
            String x = "x" + c.java().replace("_", "");
            b.append(VR).append(' ').append(x).append(" = in.field(\"").append(c.c().name()).append("\");\n");
            String value;
            if (c.r() instanceof ROpen o) {
                value = openRead(u, c, o, comps, x);
            } else if (c.r() instanceof RNull) {
                value = "true";
            } else {
                value = callName(u, c.r(), typeName(c.c().name())) + ".read(" + x + ")";
            }
            String missing = c.nullable() || c.defaulted() ? absentValue(c)
                    : "missing(in, \"" + c.c().name() + "\")";
            b.append(c.jt()).append(' ').append(c.java()).append(" = ").append(x).append(" == null ? ")
                    .append(c.jt().equals("boolean") && missing.startsWith("missing") ? "(boolean) " : "")
                    .append(missing).append(" : ").append(value).append(";\n");
        }
        b.append("return new ").append(u.simpleName).append('(')
                .append(String.join(", ", comps.stream().map(Comp::java).toList())).append(");\n");
        u.body.append("public static ").append(u.simpleName).append(" read(").append(VR).append(" in) {\n")
                .append(b.toString().indent(4)).append("}\n\n");
        u.body.append("private static <T> T missing(").append(VR).append(" in, String component) {\n")
                .append("    throw in.error(\"component \" + component + \" is required\");\n}\n\n");
    }

    private String openRead(Unit u, Comp c, ROpen o, List<Comp> all, String x) {
        String name = "read" + typeName(c.c().name()) + "Open";
        String idJava = idComponent(o, all);
        Comp idComp = all.stream().filter(k -> k.java().equals(idJava)).findFirst().orElseThrow();
        if (u.body.indexOf(" " + name + "(") < 0) {
            StringBuilder b = new StringBuilder();
            b.append("private static Object ").append(name).append("(").append(VR).append(" in, ").append(idComp.jt())
                    .append(" id) {\n    if (in.isUnknown()) {\n        return new ").append(OPEN)
                    .append("(id, in.unknownOctets());\n    }\n");
            for (OpenObject obj : objects(u, o)) {
                b.append("    if (id == ").append(obj.id()).append("L) {\n        return ")
                        .append(callName(u, obj.type(), "Open")).append(".read(in.open(\"").append(obj.tag())
                        .append("\"));\n    }\n");
            }
            b.append("    throw in.error(\"identifier \" + id + \" is not in the schema's object set\");\n}\n\n");
            u.body.append(b);
        }
        return name + "(" + x + ", " + idJava + ")";
    }

    /** The type to test with instanceof: a generic list type can only be tested as {@code List<?>}. */
    private static String erasure(String jt) {
        return jt.startsWith("java.util.List<") ? "java.util.List<?>" : jt;
    }

    /**
     * {@code known} as {@code jt}: for a list (an open type whose type is a SEQUENCE OF) through a generated
     * unchecked cast, safe because the identifier selected the type and the encoder checks every element.
     */
    private static String typed(Unit u, String jt, String known) {
        if (!jt.startsWith("java.util.List<")) {
            return known;
        }
        if (u.body.indexOf(" uncheckedList(") < 0) {
            u.body.append("@SuppressWarnings(\"unchecked\")\nprivate static <T> java.util.List<T> uncheckedList(")
                    .append("java.util.List<?> list) {\n    return (java.util.List<T>) list;\n}\n\n");
        }
        return "uncheckedList(" + known + ")";
    }

    private String openWrite(Unit u, Comp c, ROpen o, List<Comp> all) {
        String id = "v." + idComponent(o, all) + "()";
        String v = "v." + c.java() + "()";
        StringBuilder b = new StringBuilder();
        b.append("if (").append(v).append(" instanceof ").append(OPEN).append(" unknownValue) {\n    ")
                .append("out.unknown(unknownValue.octets());\n}");
        for (OpenObject obj : objects(u, o)) {
            String jt = boxed(jtype(obj.type()));
            b.append(" else if (").append(id).append(" == ").append(obj.id()).append("L && ").append(v)
                    .append(" instanceof ").append(erasure(jt)).append(" known) {\n    out.beginOpen(\"")
                    .append(obj.tag()).append("\");\n    ").append(callName(u, obj.type(), "Open"))
                    .append(".write(out, ").append(typed(u, jt, "known")).append(");\n    out.endOpen();\n}");
        }
        return b.toString();
    }

    private String decodeComp(Unit u, Comp c, List<Comp> all, String reader) {
        if (c.r() instanceof ROpen o) {
            return openDecode(u, c, o, all, reader);
        }
        if (c.r() instanceof RNull) {
            return "true";
        }
        String call = callName(u, c.r(), typeName(c.c().name()));
        return call + ".decode(" + reader + ")";
    }

    // ---- open types (X.681 14.6, X.682 10, X.691 11.2) ----

    private record OpenObject(long id, R type, String tag) {
    }

    private List<OpenObject> objects(Unit u, ROpen o) {
        String setName = o.field().objectSet();
        Module m = o.module();
        if (o.params().containsKey(setName)) {
            Binding bnd = o.params().get(setName);
            m = bnd.module();
            setName = bnd.setName();
        }
        ClassAssignment cls = schema.findClass(o.field().className(), o.field().pos());
        String idField = cls.fields().stream().filter(ClassField::unique).map(ClassField::name).findFirst()
                .orElseThrow(() -> new SchemaException(o.field().pos() + ": class " + cls.name()
                        + " has no UNIQUE field to select the open type"));
        List<OpenObject> out = new ArrayList<>();
        collect(u, m, setName, idField, o.field().field(), out, new HashSet<>(), o.field().pos());
        return out;
    }

    private void collect(Unit u, Module m, String setName, String idField, String typeField, List<OpenObject> out,
                         Set<String> seen, Pos pos) {
        if (!seen.add(m.name() + "." + setName)) {
            return;
        }
        Schema.Found<ObjectSetAssignment> f = schema.findObjectSet(m, setName, pos);
        for (Map<String, Object> obj : f.assignment().set().objects()) {
            Object id = obj.get(idField);
            Object type = obj.get(typeField);
            if (id == null || type == null) {
                continue;
            }
            long idValue = schema.intValue(f.module(), (Value) id, f.assignment().pos());
            out.add(new OpenObject(idValue, resolve((Type) type, f.module(), Map.of(), u, "Open" + idValue),
                    xerTag((Type) type)));
        }
        for (String inc : f.assignment().set().includedSets()) {
            collect(u, f.module(), inc, idField, typeField, out, seen, pos);
        }
    }

    private String idComponent(ROpen o, List<Comp> all) {
        String path = o.field().atPath().replace(".", "");
        return all.stream().filter(c -> c.c().name().equals(path)).findFirst()
                .orElseThrow(() -> new SchemaException(o.field().pos() + ": @" + o.field().atPath()
                        + " must name a component of the same SEQUENCE"))
                .java();
    }

    private String openEncode(Unit u, Comp c, ROpen o, List<Comp> all, String writer) {
        String id = "v." + idComponent(o, all) + "()";
        String v = "v." + c.java() + "()";
        StringBuilder b = new StringBuilder();
        b.append("if (").append(v).append(" instanceof ").append(OPEN).append(" unknownValue) {\n    ")
                .append(writer).append(".writeOctetString(unknownValue.octets(), 0, -1);\n}");
        for (OpenObject obj : objects(u, o)) {
            String call = callName(u, obj.type(), "Open");
            String jt = boxed(jtype(obj.type()));
            b.append(" else if (").append(id).append(" == ").append(obj.id()).append("L && ").append(v)
                    .append(" instanceof ").append(erasure(jt)).append(" known) {\n    ").append(W).append(" inner = ")
                    .append(writer).append(".scratch();\n    ").append(call).append(".encode(inner, ")
                    .append(typed(u, jt, "known")).append(");\n    ").append(writer).append(".writeOpenType(inner);\n}");
        }
        b.append(" else {\n    throw new ").append(EX).append("(\"").append(c.c().name())
                .append(": value \" + ").append(v).append(" + \" does not match identifier \" + ").append(id)
                .append(");\n}");
        return b.toString();
    }

    private String openDecode(Unit u, Comp c, ROpen o, List<Comp> all, String reader) {
        String name = "decode" + typeName(c.c().name()) + "Open";
        String idJava = idComponent(o, all);
        Comp idComp = all.stream().filter(x -> x.java().equals(idJava)).findFirst().orElseThrow();
        StringBuilder b = new StringBuilder();
        b.append("private static Object ").append(name).append("(").append(RD).append(" r, ").append(idComp.jt())
                .append(" id) throws ").append(DX).append(" {\n");
        for (OpenObject obj : objects(u, o)) {
            String call = callName(u, obj.type(), "Open");
            b.append("    if (id == ").append(obj.id()).append("L) {\n        return ").append(call)
                    .append(".decode(r.readOpenType());\n    }\n");
        }
        b.append("    r.noteUnknownExtension();\n    return new ").append(OPEN).append("(id, r.readOctetString(0, -1));\n}\n\n");
        if (u.body.indexOf(" " + name + "(") < 0) {
            u.body.append(b);
        }
        return name + "(" + reader + ", " + idJava + ")";
    }

    // ---- CHOICE ----

    private void choice(Unit u, Module m, ChoiceType ch, Map<String, Binding> params, Pos pos, String asnName) {
        currentModule = m;
        List<Component> root = ch.root();
        List<Component> adds = new ArrayList<>();
        for (List<Component> g : ch.additions()) {
            adds.addAll(g);
        }
        u.header = javadoc(asnName, pos) + "public sealed interface " + u.simpleName;
        StringBuilder b = u.body;
        List<String> alts = new ArrayList<>();
        List<R> rs = new ArrayList<>();
        List<Component> all = new ArrayList<>(root);
        all.addAll(adds);
        for (Component c : all) {
            String alt = typeName(c.name());
            alts.add(alt);
            R r = resolve(c.type(), m, params, u, c.name() + "Value");
            rs.add(r);
            if (r instanceof RNull) {
                b.append("/** Alternative {@code ").append(c.name()).append("}. */\nrecord ").append(alt)
                        .append("() implements ").append(u.simpleName).append(" {\n}\n\n");
            } else {
                String jt = jtype(r);
                b.append("/** Alternative {@code ").append(c.name()).append("}. */\nrecord ").append(alt)
                        .append('(').append(jt).append(" value) implements ").append(u.simpleName).append(" {\n");
                if (jt.equals("byte[]")) {
                    b.append("    @Override\n    public boolean equals(Object o) {\n        return o instanceof ")
                            .append(alt).append(" x && java.util.Arrays.equals(x.value, value);\n    }\n\n")
                            .append("    @Override\n    public int hashCode() {\n        return java.util.Arrays.hashCode(value);\n    }\n");
                } else if (!isPrimitive(jt)) {
                    b.append("    public ").append(alt).append(" {\n        java.util.Objects.requireNonNull(value, \"")
                            .append(c.name()).append("\");\n    }\n");
                }
                b.append("}\n\n");
            }
        }
        if (ch.extensible()) {
            b.append("/** An alternative added in a later version of the schema: its index and encoding, kept. */\n")
                    .append("record UnknownExtension(int index, byte[] octets) implements ").append(u.simpleName)
                    .append(" {\n    @Override\n    public boolean equals(Object o) {\n        return o instanceof UnknownExtension x && x.index == index\n")
                    .append("                && java.util.Arrays.equals(x.octets, octets);\n    }\n\n    @Override\n")
                    .append("    public int hashCode() {\n        return index * 31 + java.util.Arrays.hashCode(octets);\n    }\n}\n\n");
        }
        int n = root.size();
        StringBuilder enc = new StringBuilder("switch (v) {\n");
        StringBuilder dec = new StringBuilder();
        for (int k = 0; k < all.size(); k++) {
            boolean isRoot = k < n;
            String alt = alts.get(k);
            R r = rs.get(k);
            String valueEnc = r instanceof RNull ? "" : callName(u, r, alt) + ".encode(" + (isRoot ? "w" : "x")
                    + ", c.value());";
            enc.append("    case ").append(alt).append(" c -> {\n");
            if (isRoot) {
                if (ch.extensible()) {
                    enc.append("        w.writeBit(false);\n");
                }
                enc.append("        w.writeConstrainedWholeNumber(").append(k).append("L, 0L, ").append(n - 1)
                        .append("L);\n");
                if (!valueEnc.isEmpty()) {
                    enc.append("        ").append(valueEnc).append('\n');
                }
            } else {
                enc.append("        w.writeBit(true);\n        w.writeNormallySmallNonNegative(").append(k - n)
                        .append(");\n        ").append(W).append(" x = w.scratch();\n");
                if (!valueEnc.isEmpty()) {
                    enc.append("        ").append(valueEnc).append('\n');
                }
                enc.append("        w.writeOpenType(x);\n");
            }
            enc.append("    }\n");
        }
        if (ch.extensible()) {
            enc.append("    case UnknownExtension c -> {\n        w.writeBit(true);\n")
                    .append("        w.writeNormallySmallNonNegative(c.index());\n")
                    .append("        w.writeOctetString(c.octets(), 0, -1);\n    }\n");
        }
        enc.append("}\n");
        if (ch.extensible()) {
            dec.append("if (r.readBit()) {\n    int k = (int) r.readNormallySmallNonNegative();\n");
            for (int k = n; k < all.size(); k++) {
                R r = rs.get(k);
                dec.append("    if (k == ").append(k - n).append(") {\n        ");
                if (r instanceof RNull) {
                    dec.append("r.skipOpenType();\n        return new ").append(alts.get(k)).append("();\n");
                } else {
                    dec.append("return new ").append(alts.get(k)).append('(').append(callName(u, r, alts.get(k)))
                            .append(".decode(r.readOpenType()));\n");
                }
                dec.append("    }\n");
            }
            dec.append("    r.noteUnknownExtension();\n    return new UnknownExtension(k, r.readOctetString(0, -1));\n}\n");
        }
        dec.append("int k = (int) r.readConstrainedWholeNumber(0L, ").append(n - 1).append("L);\n");
        dec.append("return switch (k) {\n");
        for (int k = 0; k < n; k++) {
            R r = rs.get(k);
            dec.append("    case ").append(k).append(" -> new ").append(alts.get(k)).append('(')
                    .append(r instanceof RNull ? "" : callName(u, r, alts.get(k)) + ".decode(r)").append(");\n");
        }
        dec.append("    default -> throw new ").append(DX).append("(\"CHOICE index \" + k + \" out of range\", r.bitPosition());\n};\n");
        b.append("static void encode(").append(W).append(" w, ").append(u.simpleName).append(" v) {\n")
                .append(enc.toString().indent(4)).append("}\n\n");
        StringBuilder wr = new StringBuilder("switch (v) {\n");
        for (int k = 0; k < all.size(); k++) {
            R r = rs.get(k);
            wr.append("    case ").append(alts.get(k)).append(" c -> {\n        out.beginChoice(\"")
                    .append(all.get(k).name()).append("\");\n        ")
                    .append(r instanceof RNull ? "out.nul();" : callName(u, r, alts.get(k)) + ".write(out, c.value());")
                    .append("\n        out.endChoice();\n    }\n");
        }
        if (ch.extensible()) {
            wr.append("    case UnknownExtension c -> {\n        out.beginChoice(\"unknownExtension\" + c.index());\n")
                    .append("        out.unknown(c.octets());\n        out.endChoice();\n    }\n");
        }
        wr.append("}\n");
        b.append("static void write(").append(VW).append(" out, ").append(u.simpleName).append(" v) {\n")
                .append(wr.toString().indent(4)).append("}\n\n");
        StringBuilder rd = new StringBuilder("String alt = in.alternative();\n").append(VR)
                .append(" x = in.alternativeValue();\n");
        for (int k = 0; k < all.size(); k++) {
            R r = rs.get(k);
            rd.append("if (alt.equals(\"").append(all.get(k).name()).append("\")) {\n    return new ")
                    .append(alts.get(k)).append('(').append(r instanceof RNull ? "" : callName(u, r, alts.get(k))
                            + ".read(x)").append(");\n}\n");
        }
        if (ch.extensible()) {
            rd.append("if (alt.startsWith(\"unknownExtension\") && x.isUnknown()) {\n    try {\n")
                    .append("        return new UnknownExtension(Integer.parseInt(alt.substring(16)), x.unknownOctets());\n")
                    .append("    } catch (NumberFormatException e) {\n        throw in.error(\"bad alternative \" + alt);\n    }\n}\n");
        }
        rd.append("throw in.error(\"'\" + alt + \"' is not an alternative of ").append(asnName).append("\");\n");
        b.append("static ").append(u.simpleName).append(" read(").append(VR).append(" in) {\n")
                .append(rd.toString().indent(4)).append("}\n\n");
        b.append("static ").append(u.simpleName).append(" decode(").append(RD).append(" r) throws ").append(DX)
                .append(" {\n").append(dec.toString().indent(4)).append("}\n");
    }

    // ---- equality for records holding byte[] ----

    private void arrayEquality(Unit u, List<Comp> comps) {
        StringBuilder eq = new StringBuilder("return o instanceof " + u.simpleName + " x");
        StringBuilder hash = new StringBuilder("int h = 1;\n");
        for (Comp c : comps) {
            String f = c.java();
            if (c.jt().equals("byte[]")) {
                eq.append("\n        && java.util.Arrays.equals(x.").append(f).append(", ").append(f).append(')');
                hash.append("h = 31 * h + java.util.Arrays.hashCode(").append(f).append(");\n");
            } else if (isPrimitive(c.jt())) {
                eq.append("\n        && x.").append(f).append(" == ").append(f);
                hash.append("h = 31 * h + ").append(boxed(c.jt())).append(".hashCode(").append(f).append(");\n");
            } else {
                eq.append("\n        && java.util.Objects.equals(x.").append(f).append(", ").append(f).append(')');
                hash.append("h = 31 * h + java.util.Objects.hashCode(").append(f).append(");\n");
            }
        }
        u.body.append("@Override\npublic boolean equals(Object o) {\n").append(eq.append(";").toString().indent(4))
                .append("}\n\n@Override\npublic int hashCode() {\n").append(hash.append("return h;").toString().indent(4))
                .append("}\n");
    }

    private static String javaString(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 32 || c > 126) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
