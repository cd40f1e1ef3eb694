package io.cheluyun.asn1.gen;

import io.cheluyun.asn1.schema.Ast.Assignment;
import io.cheluyun.asn1.schema.Ast.ClassAssignment;
import io.cheluyun.asn1.schema.Ast.IntValue;
import io.cheluyun.asn1.schema.Ast.Module;
import io.cheluyun.asn1.schema.Ast.ObjectSetAssignment;
import io.cheluyun.asn1.schema.Ast.Pos;
import io.cheluyun.asn1.schema.Ast.RefValue;
import io.cheluyun.asn1.schema.Ast.TypeAssignment;
import io.cheluyun.asn1.schema.Ast.Value;
import io.cheluyun.asn1.schema.Ast.ValueAssignment;
import io.cheluyun.asn1.schema.SchemaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All modules of one family and vintage, with name lookup that follows IMPORTS (X.680 13.12). */
final class Schema {

    record Found<T extends Assignment>(Module module, T assignment) {
    }

    private final Map<String, Module> modules = new LinkedHashMap<>();

    Schema(List<Module> parsed) {
        for (Module m : parsed) {
            Module previous = modules.put(m.name(), m);
            if (previous != null) {
                throw new SchemaException(m.pos() + ": module " + m.name() + " is also defined at " + previous.pos());
            }
        }
    }

    Iterable<Module> modules() {
        return modules.values();
    }

    <T extends Assignment> Found<T> find(Module from, String name, Class<T> kind, Pos usedAt) {
        Module m = from;
        for (int hops = 0; hops < 16; hops++) {
            for (Assignment a : m.assignments()) {
                if (a.name().equals(name) && kind.isInstance(a)) {
                    return new Found<>(m, kind.cast(a));
                }
            }
            String source = m.imports().get(name);
            if (source == null) {
                break;
            }
            Module next = modules.get(source);
            if (next == null) {
                throw new SchemaException(usedAt + ": " + name + " is imported from module " + source
                        + ", which is not among the schema files");
            }
            m = next;
        }
        throw new SchemaException(usedAt + ": " + kindName(kind) + " " + name + " is not defined in module "
                + from.name() + " nor imported into it");
    }

    /** A class by name anywhere in the family (class names are unique across the V2X standards' modules). */
    ClassAssignment findClass(String name, Pos usedAt) {
        for (Module m : modules.values()) {
            for (Assignment a : m.assignments()) {
                if (a instanceof ClassAssignment c && c.name().equals(name)) {
                    return c;
                }
            }
        }
        throw new SchemaException(usedAt + ": information object class " + name + " is not defined");
    }

    Found<ObjectSetAssignment> findObjectSet(Module from, String name, Pos usedAt) {
        return find(from, name, ObjectSetAssignment.class, usedAt);
    }

    /** The integer a value notation stands for: a number or a reference to an INTEGER value assignment. */
    long intValue(Module from, Value v, Pos usedAt) {
        if (v instanceof IntValue i) {
            return i.value();
        }
        if (v instanceof RefValue r) {
            Found<ValueAssignment> f = find(from, r.name(), ValueAssignment.class, usedAt);
            return intValue(f.module(), f.assignment().value(), f.assignment().pos());
        }
        throw new SchemaException(usedAt + ": expected an integer value, found " + v);
    }

    Found<TypeAssignment> findType(Module from, String name, Pos usedAt) {
        return find(from, name, TypeAssignment.class, usedAt);
    }

    private static String kindName(Class<?> kind) {
        if (kind == TypeAssignment.class) {
            return "type";
        }
        if (kind == ValueAssignment.class) {
            return "value";
        }
        return kind == ObjectSetAssignment.class ? "object set" : "definition";
    }
}
