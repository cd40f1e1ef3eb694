package io.cheluyun.asn1.schema;

import io.cheluyun.asn1.schema.Ast.Assignment;
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
import io.cheluyun.asn1.schema.Ast.IntValue;
import io.cheluyun.asn1.schema.Ast.IntegerType;
import io.cheluyun.asn1.schema.Ast.MinMax;
import io.cheluyun.asn1.schema.Ast.Module;
import io.cheluyun.asn1.schema.Ast.NamedBitsValue;
import io.cheluyun.asn1.schema.Ast.NamedNumber;
import io.cheluyun.asn1.schema.Ast.NullType;
import io.cheluyun.asn1.schema.Ast.ObjectIdentifierType;
import io.cheluyun.asn1.schema.Ast.ObjectSet;
import io.cheluyun.asn1.schema.Ast.ObjectSetAssignment;
import io.cheluyun.asn1.schema.Ast.OctetStringType;
import io.cheluyun.asn1.schema.Ast.OtherValue;
import io.cheluyun.asn1.schema.Ast.Param;
import io.cheluyun.asn1.schema.Ast.Pos;
import io.cheluyun.asn1.schema.Ast.RealType;
import io.cheluyun.asn1.schema.Ast.RefValue;
import io.cheluyun.asn1.schema.Ast.SequenceOfType;
import io.cheluyun.asn1.schema.Ast.SequenceType;
import io.cheluyun.asn1.schema.Ast.Type;
import io.cheluyun.asn1.schema.Ast.TypeAssignment;
import io.cheluyun.asn1.schema.Ast.TypeRef;
import io.cheluyun.asn1.schema.Ast.Value;
import io.cheluyun.asn1.schema.Ast.ValueAssignment;
import io.cheluyun.asn1.schema.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for the ASN.1 notation the V2X standards use (X.680 modules and types, X.681 classes and
 * object sets, X.682 table constraints, X.683 parameterised types). Information object classes are collected from
 * all files first, because parsing an object ({@code { BasicSafetyMessage IDENTIFIED BY basicSafetyMessage }})
 * needs its class's WITH SYNTAX and classes are usually imported from another module.
 */
public final class Parser {

    private static final Set<String> CHAR_STRINGS = Set.of("IA5String", "PrintableString", "NumericString",
            "VisibleString", "UTF8String", "BMPString", "UniversalString", "GraphicString", "TeletexString",
            "GeneralString", "ISO646String", "T61String", "VideotexString");

    private final String file;
    private final List<Token> tokens;
    private final Map<String, ClassAssignment> classes;
    private int i;

    private Parser(String file, List<Token> tokens, Map<String, ClassAssignment> classes) {
        this.file = file;
        this.tokens = tokens;
        this.classes = classes;
    }

    /** A source file's name (for messages) and text. */
    public record Source(String name, String text) {
    }

    /** Parses every module of every source; a file may hold several modules. */
    public static List<Module> parse(List<Source> sources) {
        Map<String, List<Token>> lexed = new LinkedHashMap<>();
        for (Source s : sources) {
            lexed.put(s.name(), Lexer.tokenize(s.name(), s.text()));
        }
        Map<String, ClassAssignment> classes = new LinkedHashMap<>();
        for (Map.Entry<String, List<Token>> e : lexed.entrySet()) {
            List<Token> t = e.getValue();
            for (int k = 0; k + 2 < t.size(); k++) {
                if (t.get(k).kind() == Kind.WORD && t.get(k + 1).is("::=") && t.get(k + 2).is("CLASS")) {
                    Parser p = new Parser(e.getKey(), t, classes);
                    p.i = k;
                    ClassAssignment c = p.classAssignment();
                    classes.put(c.name(), c);
                }
            }
        }
        List<Module> modules = new ArrayList<>();
        for (Map.Entry<String, List<Token>> e : lexed.entrySet()) {
            Parser p = new Parser(e.getKey(), e.getValue(), classes);
            while (p.peek().kind() != Kind.END) {
                modules.add(p.module());
            }
        }
        return modules;
    }

    // ---- modules ----

    private Module module() {
        Token nameTok = word("a module name");
        Pos pos = pos(nameTok);
        if (peek().is("{")) {
            skipBalanced("{", "}");
        }
        expect("DEFINITIONS");
        while (!peek().is("::=")) {
            Token t = next();
            if (t.kind() != Kind.WORD) {
                throw error(t, "expected tag default or ::= in the module header, found " + t);
            }
        }
        expect("::=");
        expect("BEGIN");
        Map<String, String> imports = new LinkedHashMap<>();
        List<Assignment> assignments = new ArrayList<>();
        while (!peek().is("END")) {
            if (peek().kind() == Kind.END) {
                throw error(peek(), "module " + nameTok.text() + " has no END");
            }
            if (peek().is("EXPORTS")) {
                while (!next().is(";")) {
                    if (peek().kind() == Kind.END) {
                        throw error(peek(), "EXPORTS without ';'");
                    }
                }
            } else if (peek().is("IMPORTS")) {
                next();
                imports(imports);
            } else {
                assignments.add(assignment());
            }
        }
        expect("END");
        return new Module(nameTok.text(), pos, imports, assignments);
    }

    private void imports(Map<String, String> imports) {
        List<String> pending = new ArrayList<>();
        while (!peek().is(";")) {
            Token t = next();
            if (t.is("FROM")) {
                String from = word("a module name after FROM").text();
                for (String s : pending) {
                    imports.put(s, from);
                }
                pending.clear();
                if (peek().is("{")) {
                    skipBalanced("{", "}");
                }
                if (peek().is("WITH")) { // WITH SUCCESSORS / WITH DESCENDANTS (X.680 13.16)
                    next();
                    next();
                }
            } else if (t.kind() == Kind.WORD) {
                pending.add(t.text());
                if (peek().is("{")) { // parameterised reference: Name{}
                    skipBalanced("{", "}");
                }
            } else if (!t.is(",")) {
                throw error(t, "unexpected " + t + " in IMPORTS");
            }
        }
        if (!pending.isEmpty()) {
            throw error(peek(), "imported names " + pending + " lack FROM");
        }
        next();
    }

    private Assignment assignment() {
        Token name = word("an assignment");
        Pos pos = pos(name);
        boolean upper = Character.isUpperCase(name.text().charAt(0));
        if (upper && peek().is("::=") && peekAt(1).is("CLASS")) {
            i--;
            return classAssignment();
        }
        if (upper && peek().is("::=")) {
            next();
            return new TypeAssignment(name.text(), List.of(), type(), pos);
        }
        if (upper && peek().is("{")) {
            List<Param> params = params();
            expect("::=");
            return new TypeAssignment(name.text(), params, type(), pos);
        }
        if (peek().kind() == Kind.WORD && classes.containsKey(peek().text()) && peekAt(1).is("::=")) {
            String cls = next().text();
            next();
            ClassAssignment c = classes.get(cls);
            if (upper) {
                return new ObjectSetAssignment(name.text(), cls, objectSet(c), pos);
            }
            expect("{");
            Map<String, Object> obj = objectBody(c);
            return new ObjectSetAssignment(name.text(), cls, new ObjectSet(List.of(obj), List.of(), false), pos);
        }
        if (!upper) {
            Type t = type();
            expect("::=");
            return new ValueAssignment(name.text(), t, value(), pos);
        }
        throw error(name, "cannot parse the assignment of " + name.text()
                + (peek().kind() == Kind.WORD ? " (is '" + peek().text() + "' an information object class "
                + "defined in one of the schema files?)" : ""));
    }

    private List<Param> params() {
        expect("{");
        List<Param> params = new ArrayList<>();
        while (true) {
            String first = word("a parameter").text();
            if (peek().is(":")) {
                next();
                params.add(new Param(first, word("a parameter name").text()));
            } else {
                params.add(new Param(null, first));
            }
            if (peek().is(",")) {
                next();
            } else {
                break;
            }
        }
        expect("}");
        return params;
    }

    // ---- classes and object sets (X.681) ----

    private ClassAssignment classAssignment() {
        Token name = word("a class name");
        expect("::=");
        expect("CLASS");
        expect("{");
        List<ClassField> fields = new ArrayList<>();
        while (!peek().is("}")) {
            Token f = next();
            if (!f.text().startsWith("&")) {
                throw error(f, "expected a class field (&name), found " + f);
            }
            Type valueType = null;
            if (Character.isLowerCase(f.text().charAt(1))) {
                valueType = type();
            }
            boolean unique = false;
            boolean optional = false;
            while (peek().is("UNIQUE") || peek().is("OPTIONAL") || peek().is("DEFAULT")) {
                Token m = next();
                unique |= m.is("UNIQUE");
                optional |= !m.is("UNIQUE");
                if (m.is("DEFAULT")) {
                    value();
                }
            }
            fields.add(new ClassField(f.text(), valueType, unique, optional));
            if (peek().is(",")) {
                next();
            }
        }
        expect("}");
        List<String> syntax = new ArrayList<>();
        if (peek().is("WITH")) {
            next();
            expect("SYNTAX");
            expect("{");
            int depth = 1;
            while (true) {
                Token t = next();
                if (t.is("{")) {
                    depth++;
                } else if (t.is("}") && --depth == 0) {
                    break;
                } else if (t.kind() == Kind.END) {
                    throw error(t, "unterminated WITH SYNTAX");
                }
                syntax.add(t.text());
            }
        }
        return new ClassAssignment(name.text(), fields, syntax, pos(name));
    }

    private ObjectSet objectSet(ClassAssignment c) {
        expect("{");
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> included = new ArrayList<>();
        boolean extensible = false;
        while (!peek().is("}")) {
            Token t = peek();
            if (t.is("...")) {
                next();
                extensible = true;
            } else if (t.is("{")) {
                next();
                objects.add(objectBody(c));
            } else if (t.kind() == Kind.WORD) {
                included.add(next().text());
            } else if (t.is(",") || t.is("|")) {
                next();
            } else {
                throw error(t, "unexpected " + t + " in an object set of " + c.name());
            }
        }
        expect("}");
        return new ObjectSet(objects, included, extensible);
    }

    /** Parses one object after its '{', following the class's WITH SYNTAX (or the default {@code &f setting,}). */
    private Map<String, Object> objectBody(ClassAssignment c) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (c.syntax().isEmpty() || peek().text().startsWith("&")) {
            while (!peek().is("}")) {
                Token f = next();
                settings.put(f.text(), setting(c, f.text(), f));
                if (peek().is(",")) {
                    next();
                }
            }
        } else {
            matchSyntax(c, c.syntax(), 0, c.syntax().size(), settings);
        }
        expect("}");
        return settings;
    }

    private void matchSyntax(ClassAssignment c, List<String> syntax, int from, int to, Map<String, Object> out) {
        int k = from;
        while (k < to) {
            String s = syntax.get(k);
            if (s.equals("[")) {
                int end = matching(syntax, k);
                String firstLiteral = syntax.get(k + 1);
                if (!firstLiteral.startsWith("&") && peek().text().equals(firstLiteral)) {
                    matchSyntax(c, syntax, k + 1, end, out);
                }
                k = end + 1;
            } else if (s.startsWith("&")) {
                out.put(s, setting(c, s, peek()));
                k++;
            } else {
                Token t = next();
                if (!t.text().equals(s)) {
                    throw error(t, "object of class " + c.name() + ": expected '" + s + "', found " + t);
                }
                k++;
            }
        }
    }

    private static int matching(List<String> syntax, int open) {
        int depth = 0;
        for (int k = open; k < syntax.size(); k++) {
            if (syntax.get(k).equals("[")) {
                depth++;
            } else if (syntax.get(k).equals("]") && --depth == 0) {
                return k;
            }
        }
        return syntax.size() - 1;
    }

    private Object setting(ClassAssignment c, String field, Token at) {
        ClassField f = c.fields().stream().filter(x -> x.name().equals(field)).findFirst()
                .orElseThrow(() -> error(at, "class " + c.name() + " has no field " + field));
        return f.valueType() == null ? type() : value();
    }

    // ---- types ----

    private Type type() {
        Token t = peek();
        Pos pos = pos(t);
        if (t.is("[")) { // tag: PER ignores tags in AUTOMATIC TAGS modules (X.691 8.2)
            skipBalanced("[", "]");
            if (peek().is("IMPLICIT") || peek().is("EXPLICIT")) {
                next();
            }
            return type();
        }
        Token w = word("a type");
        String k = w.text();
        Type base = switch (k) {
            case "INTEGER" -> {
                List<NamedNumber> named = peek().is("{") ? namedNumbers() : List.of();
                yield new IntegerType(named, constraints());
            }
            case "BOOLEAN" -> new BooleanType();
            case "NULL" -> new NullType();
            case "REAL" -> new RealType();
            case "OBJECT" -> {
                expect("IDENTIFIER");
                yield new ObjectIdentifierType(false);
            }
            case "RELATIVE-OID" -> new ObjectIdentifierType(true);
            case "ENUMERATED" -> enumerated();
            case "BIT" -> {
                expect("STRING");
                List<NamedNumber> named = peek().is("{") ? namedNumbers() : List.of();
                yield new BitStringType(named, constraints());
            }
            case "OCTET" -> {
                expect("STRING");
                yield new OctetStringType(constraints());
            }
            case "SEQUENCE", "SET" -> {
                boolean set = k.equals("SET");
                if (peek().is("{")) {
                    yield sequence(set);
                }
                Constraint size = null;
                if (peek().is("(")) {
                    size = constraints();
                } else if (peek().is("SIZE")) {
                    next();
                    size = new Constraint(null, null, false, constraintBody(), null, false);
                }
                expect("OF");
                if (peek().kind() == Kind.WORD && Character.isLowerCase(peek().text().charAt(0))) {
                    next(); // element identifier (X.680 25.1, SEQUENCE OF name Type)
                }
                yield new SequenceOfType(set, type(), size);
            }
            case "CHOICE" -> choice();
            default -> {
                if (CHAR_STRINGS.contains(k)) {
                    yield new CharStringType(k, constraints());
                }
                if (Character.isLowerCase(k.charAt(0))) {
                    throw error(w, "expected a type, found the value reference " + w);
                }
                yield reference(w, pos);
            }
        };
        return base;
    }

    private Type reference(Token w, Pos pos) {
        String module = null;
        String name = w.text();
        if (peek().is(".") && peekAt(1).kind() == Kind.WORD) {
            String field = peekAt(1).text();
            if (field.startsWith("&")) { // CLASS.&field
                next();
                next();
                String objectSet = null;
                String at = null;
                if (peek().is("(") && peekAt(1).is("{")) {
                    next();
                    next();
                    objectSet = word("an object set").text();
                    expect("}");
                    if (peek().is("{")) {
                        next();
                        expect("@");
                        StringBuilder path = new StringBuilder();
                        while (!peek().is("}")) {
                            path.append(next().text());
                        }
                        next();
                        at = path.toString();
                    }
                    expect(")");
                }
                return new ClassFieldType(name, field, objectSet, at, pos);
            }
            module = name;
            next();
            name = next().text();
        }
        List<Object> actual = new ArrayList<>();
        if (peek().is("{")) {
            next();
            while (!peek().is("}")) {
                if (peek().is("{")) { // {Set} as an actual parameter
                    next();
                    actual.add(word("an object set").text());
                    expect("}");
                } else {
                    actual.add(type());
                }
                if (peek().is(",")) {
                    next();
                }
            }
            next();
        }
        return new TypeRef(module, name, actual, constraints(), pos);
    }

    private List<NamedNumber> namedNumbers() {
        expect("{");
        List<NamedNumber> out = new ArrayList<>();
        while (!peek().is("}")) {
            String n = word("a named number").text();
            expect("(");
            long v = signedNumberOrRef();
            expect(")");
            out.add(new NamedNumber(n, v));
            if (peek().is(",")) {
                next();
            }
        }
        expect("}");
        return out;
    }

    private long signedNumberOrRef() {
        boolean negative = false;
        if (peek().is("-")) {
            next();
            negative = true;
        }
        Token t = next();
        if (t.kind() != Kind.NUMBER) {
            throw error(t, "expected a number, found " + t);
        }
        return negative ? -Long.parseLong(t.text()) : Long.parseLong(t.text());
    }

    private EnumeratedType enumerated() {
        expect("{");
        List<NamedNumber> root = new ArrayList<>();
        List<NamedNumber> additions = new ArrayList<>();
        boolean extensible = false;
        while (!peek().is("}")) {
            if (peek().is("...")) {
                next();
                extensible = true;
                if (peek().is("!")) {
                    next();
                    value();
                }
            } else {
                String n = word("an enumeration item").text();
                Long v = null;
                if (peek().is("(")) {
                    next();
                    v = signedNumberOrRef();
                    expect(")");
                }
                (extensible ? additions : root).add(new NamedNumber(n, v));
            }
            if (peek().is(",")) {
                next();
            }
        }
        expect("}");
        return new EnumeratedType(root, extensible, additions);
    }

    private SequenceType sequence(boolean set) {
        expect("{");
        List<Component> root = new ArrayList<>();
        List<List<Component>> additions = new ArrayList<>();
        int markers = 0;
        while (!peek().is("}")) {
            if (peek().is("...")) {
                next();
                markers++;
                if (peek().is("!")) {
                    next();
                    value();
                }
            } else if (peek().is("[[")) {
                next();
                if (peek().kind() == Kind.NUMBER && peekAt(1).is(":")) { // version number (X.680 25.1)
                    next();
                    next();
                }
                List<Component> group = new ArrayList<>();
                while (!peek().is("]]")) {
                    group.add(component());
                    if (peek().is(",")) {
                        next();
                    }
                }
                next();
                additions.add(group);
            } else if (peek().is("COMPONENTS")) {
                throw error(peek(), "COMPONENTS OF is not supported; write the components out");
            } else {
                Component c = component();
                if (markers == 1) {
                    additions.add(List.of(c));
                } else {
                    root.add(c);
                }
            }
            if (peek().is(",")) {
                next();
            }
        }
        expect("}");
        return new SequenceType(set, root, markers > 0, additions);
    }

    private ChoiceType choice() {
        SequenceType s = sequence(false);
        for (Component c : s.root()) {
            if (c.optional() || c.defaultValue() != null) {
                throw SchemaException.at(file, c.pos().line(), 1, "CHOICE alternative " + c.name()
                        + " cannot be OPTIONAL or DEFAULT");
            }
        }
        return new ChoiceType(s.root(), s.extensible(), s.additions());
    }

    private Component component() {
        Token n = word("a component name");
        if (!Character.isLowerCase(n.text().charAt(0))) {
            throw error(n, "component names start with a lower-case letter, found " + n);
        }
        Type t = type();
        boolean optional = false;
        Value def = null;
        if (peek().is("OPTIONAL")) {
            next();
            optional = true;
        } else if (peek().is("DEFAULT")) {
            next();
            def = value();
        }
        return new Component(n.text(), t, optional, def, pos(n));
    }

    // ---- constraints ----

    /** Zero or more parenthesised constraints after a type, merged (serial application, X.680 49.5). */
    private Constraint constraints() {
        Constraint merged = null;
        while (peek().is("(")) {
            Constraint c = constraintBody();
            merged = merge(merged, c);
        }
        return merged;
    }

    private static Constraint merge(Constraint a, Constraint b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new Constraint(b.lower() != null ? b.lower() : a.lower(), b.upper() != null ? b.upper() : a.upper(),
                b.lower() != null ? b.extensible() : a.extensible(), b.size() != null ? b.size() : a.size(),
                b.alphabet() != null ? b.alphabet() : a.alphabet(),
                b.alphabet() != null ? b.alphabetIsRange() : a.alphabetIsRange());
    }

    /** One {@code ( ... )}; the PER-visible parts are kept, the rest (WITH COMPONENTS, CONSTRAINED BY) skipped. */
    private Constraint constraintBody() {
        expect("(");
        Constraint acc = null;
        boolean extensible = false;
        boolean afterMarker = false;
        while (!peek().is(")")) {
            Token t = peek();
            if (t.is("...")) {
                next();
                extensible = true;
                afterMarker = true;
            } else if (t.is(",") || t.is("|") || t.is("^")) {
                next();
            } else if (t.is("SIZE")) {
                next();
                Constraint size = constraintBody();
                if (!afterMarker) {
                    acc = merge(acc, new Constraint(null, null, false, size, null, false));
                }
            } else if (t.is("FROM")) {
                next();
                Constraint alpha = constraintBody();
                if (!afterMarker) {
                    acc = merge(acc, alpha);
                }
            } else if (t.is("WITH") || t.is("CONSTRAINED") || t.is("CONTAINING") || t.is("ENCODED")) {
                while (!peek().is(")")) {
                    if (peek().is("(")) {
                        skipBalanced("(", ")");
                    } else if (peek().is("{")) {
                        skipBalanced("{", "}");
                    } else {
                        next();
                    }
                }
            } else if (t.is("(")) {
                Constraint inner = constraintBody();
                if (!afterMarker) {
                    acc = merge(acc, inner);
                }
            } else if (t.kind() == Kind.CSTRING) {
                String from = next().text();
                if (peek().is("..")) {
                    next();
                    String to = expectKind(Kind.CSTRING, "a character").text();
                    acc = addAlphabet(acc, rangeChars(from, to));
                } else {
                    acc = addAlphabet(acc, from);
                }
            } else {
                Value lower = rangeEnd();
                Value upper = lower;
                if (peek().is("<")) {
                    throw error(peek(), "open range ends (<) are not supported");
                }
                if (peek().is("..")) {
                    next();
                    upper = rangeEnd();
                }
                if (!afterMarker) {
                    acc = acc == null || acc.lower() == null
                            ? merge(acc, new Constraint(lower, upper, false, null, null, false))
                            : new Constraint(hull(acc.lower(), lower, false), hull(acc.upper(), upper, true), false,
                                    acc.size(), acc.alphabet(), acc.alphabetIsRange());
                }
            }
        }
        expect(")");
        if (acc == null) {
            return null;
        }
        return extensible ? new Constraint(acc.lower(), acc.upper(), true, acc.size(), acc.alphabet(),
                acc.alphabetIsRange()) : acc;
    }

    /** Union of two ranges (X.691 9.3.18: the effective constraint is the hull of the root). */
    private static Value hull(Value a, Value b, boolean max) {
        if (a instanceof IntValue x && b instanceof IntValue y) {
            return new IntValue(max ? Math.max(x.value(), y.value()) : Math.min(x.value(), y.value()));
        }
        return a;
    }

    private static Constraint addAlphabet(Constraint acc, String chars) {
        String existing = acc == null || acc.alphabet() == null ? "" : acc.alphabet();
        Constraint c = new Constraint(null, null, false, null, existing + chars, false);
        return acc == null ? c : new Constraint(acc.lower(), acc.upper(), acc.extensible(), acc.size(),
                existing + chars, false);
    }

    private static String rangeChars(String from, String to) {
        StringBuilder sb = new StringBuilder();
        for (char c = from.charAt(0); c <= to.charAt(0); c++) {
            sb.append(c);
        }
        return sb.toString();
    }

    private Value rangeEnd() {
        Token t = peek();
        if (t.is("MIN") || t.is("MAX")) {
            next();
            return new MinMax(t.is("MAX"));
        }
        return value();
    }

    // ---- values ----

    private Value value() {
        Token t = next();
        if (t.is("-")) {
            Token n = expectKind(Kind.NUMBER, "a number after '-'");
            return new IntValue(-Long.parseLong(n.text()));
        }
        return switch (t.kind()) {
            case NUMBER -> new IntValue(Long.parseLong(t.text()));
            case BSTRING -> new BitsValue(t.text());
            case HSTRING -> new BitsValue(hexToBits(t.text()));
            case CSTRING -> new OtherValue("\"" + t.text() + "\"");
            case WORD -> switch (t.text()) {
                case "TRUE" -> new BoolValue(true);
                case "FALSE" -> new BoolValue(false);
                default -> new RefValue(t.text());
            };
            case SYMBOL -> {
                if (!t.is("{")) {
                    throw error(t, "expected a value, found " + t);
                }
                i--;
                int start = i;
                skipBalanced("{", "}");
                List<String> names = new ArrayList<>();
                boolean simple = true;
                StringBuilder text = new StringBuilder();
                for (int k = start + 1; k < i - 1; k++) {
                    Token x = tokens.get(k);
                    text.append(x.text()).append(' ');
                    if (x.kind() == Kind.WORD) {
                        names.add(x.text());
                    } else if (!x.is(",")) {
                        simple = false;
                    }
                }
                yield simple ? new NamedBitsValue(names) : new OtherValue("{ " + text + "}");
            }
            default -> throw error(t, "expected a value, found " + t);
        };
    }

    private static String hexToBits(String hex) {
        StringBuilder sb = new StringBuilder();
        for (char c : hex.toCharArray()) {
            String b = Integer.toBinaryString(Character.digit(c, 16));
            sb.append("0".repeat(4 - b.length())).append(b);
        }
        return sb.toString();
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(i);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Kind.END) {
            i++;
        }
        return t;
    }

    private void expect(String text) {
        Token t = next();
        if (!t.is(text)) {
            throw error(t, "expected '" + text + "', found " + t);
        }
    }

    private Token expectKind(Kind kind, String what) {
        Token t = next();
        if (t.kind() != kind) {
            throw error(t, "expected " + what + ", found " + t);
        }
        return t;
    }

    private Token word(String what) {
        return expectKind(Kind.WORD, what);
    }

    private void skipBalanced(String open, String close) {
        Token first = next();
        if (!first.is(open)) {
            throw error(first, "expected '" + open + "', found " + first);
        }
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.kind() == Kind.END) {
                throw error(first, "no matching '" + close + "'");
            }
            if (t.is(open)) {
                depth++;
            } else if (t.is(close)) {
                depth--;
            }
        }
    }

    private Pos pos(Token t) {
        return new Pos(file, t.line());
    }

    private SchemaException error(Token t, String message) {
        return SchemaException.at(file, t.line(), t.column(), message);
    }
}
