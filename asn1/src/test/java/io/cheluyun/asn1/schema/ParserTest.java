package io.cheluyun.asn1.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cheluyun.asn1.schema.Ast.ChoiceType;
import io.cheluyun.asn1.schema.Ast.ClassFieldType;
import io.cheluyun.asn1.schema.Ast.EnumeratedType;
import io.cheluyun.asn1.schema.Ast.IntValue;
import io.cheluyun.asn1.schema.Ast.IntegerType;
import io.cheluyun.asn1.schema.Ast.Module;
import io.cheluyun.asn1.schema.Ast.ObjectSetAssignment;
import io.cheluyun.asn1.schema.Ast.SequenceOfType;
import io.cheluyun.asn1.schema.Ast.SequenceType;
import io.cheluyun.asn1.schema.Ast.TypeAssignment;
import io.cheluyun.asn1.schema.Ast.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

    static final String FRAME = """
            Frame { iso(1) 0 } DEFINITIONS AUTOMATIC TAGS ::= BEGIN
            IMPORTS Speed, Heading FROM Common { iso(1) 1 }
                    RegionalExtension{} FROM Region;
            -- a comment -- MsgCount ::= INTEGER (0..127) -- trailing comment
            /* block /* nested */ comment */
            MSG-ID-AND-TYPE ::= CLASS { &id MsgId UNIQUE, &Type } WITH SYNTAX { &Type IDENTIFIED BY &id }
            MsgId ::= INTEGER (0..32767)
            basicSafetyMessage MsgId ::= 20
            MessageTypes MSG-ID-AND-TYPE ::= { { Bsm IDENTIFIED BY basicSafetyMessage } | { Map IDENTIFIED BY 18 }, ... }
            MessageFrame ::= SEQUENCE {
                messageId MSG-ID-AND-TYPE.&id({MessageTypes}),
                value     MSG-ID-AND-TYPE.&Type({MessageTypes}{@.messageId}),
                ...
            }
            Bsm ::= SEQUENCE {
                msgCnt MsgCount,
                speed  Speed OPTIONAL,
                lights BIT STRING { lowBeam(0), highBeam(1) } (SIZE (9, ...)) DEFAULT {},
                path   SEQUENCE (SIZE(1..23)) OF Point,
                ...,
                [[ extra INTEGER (-5..5) OPTIONAL, more BOOLEAN ]],
                single IA5String (SIZE(1..63))
            }
            Point ::= SEQUENCE { x INTEGER (-131072..131071), y INTEGER (MIN..MAX) }
            Map ::= CHOICE { a NULL, b Mode, ..., c OCTET STRING (SIZE(4)) }
            Mode ::= ENUMERATED { off (0), on, ..., auto(7) }
            END
            """;

    @Test
    void parsesModulesImportsClassesObjectSetsAndTypes() {
        List<Module> modules = Parser.parse(List.of(new Parser.Source("frame.asn", FRAME)));

        assertThat(modules).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("Frame");
            assertThat(m.imports()).containsEntry("Speed", "Common").containsEntry("Heading", "Common")
                    .containsEntry("RegionalExtension", "Region");
        });
        Module m = modules.getFirst();
        assertThat(type(m, "MsgCount")).isInstanceOfSatisfying(IntegerType.class, t -> {
            assertThat(t.constraint().lower()).isEqualTo(new IntValue(0));
            assertThat(t.constraint().upper()).isEqualTo(new IntValue(127));
        });
        ObjectSetAssignment set = (ObjectSetAssignment) m.assignments().stream()
                .filter(a -> a.name().equals("MessageTypes")).findFirst().orElseThrow();
        assertThat(set.set().objects()).hasSize(2);
        assertThat(set.set().objects().getFirst()).containsKeys("&Type", "&id");
        assertThat(set.set().extensible()).isTrue();
        SequenceType frame = (SequenceType) type(m, "MessageFrame");
        assertThat(frame.root().get(1).type()).isInstanceOfSatisfying(ClassFieldType.class, f -> {
            assertThat(f.objectSet()).isEqualTo("MessageTypes");
            assertThat(f.atPath()).isEqualTo(".messageId");
        });
        SequenceType bsm = (SequenceType) type(m, "Bsm");
        assertThat(bsm.root()).extracting(Ast.Component::name).containsExactly("msgCnt", "speed", "lights", "path");
        assertThat(bsm.root().get(1).optional()).isTrue();
        assertThat(bsm.root().get(2).defaultValue()).isNotNull();
        assertThat(bsm.root().get(2).type()).isInstanceOfSatisfying(Ast.BitStringType.class, b -> {
            assertThat(b.namedBits()).hasSize(2);
            assertThat(b.constraint().size().extensible()).isTrue();
        });
        assertThat(bsm.root().get(3).type()).isInstanceOfSatisfying(SequenceOfType.class,
                s -> assertThat(s.constraint().size().upper()).isEqualTo(new IntValue(23)));
        assertThat(bsm.extensible()).isTrue();
        assertThat(bsm.additions()).hasSize(2);
        assertThat(bsm.additions().getFirst()).extracting(Ast.Component::name).containsExactly("extra", "more");
        assertThat(((ChoiceType) type(m, "Map")).additions()).hasSize(1);
        EnumeratedType mode = (EnumeratedType) type(m, "Mode");
        assertThat(mode.root()).extracting(Ast.NamedNumber::name).containsExactly("off", "on");
        assertThat(mode.additions()).extracting(Ast.NamedNumber::value).containsExactly(7L);
        assertThat(((SequenceType) type(m, "Bsm")).root().getFirst().type()).isInstanceOf(TypeRef.class);
    }

    @Test
    void reportsWrongNotationWithFileAndLine() {
        String bad = "M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nA ::= SEQUENCE {\n  x INTEGER (0..10),\n  Y BOOLEAN\n}\nEND\n";
        assertThatThrownBy(() -> Parser.parse(List.of(new Parser.Source("bad.asn", bad))))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("bad.asn:4:3: ")
                .hasMessageContaining("lower-case");
    }

    @Test
    void reportsAModuleWithoutEnd() {
        assertThatThrownBy(() -> Parser.parse(List.of(new Parser.Source("cut.asn",
                "M DEFINITIONS ::= BEGIN\nA ::= BOOLEAN\n"))))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("cut.asn:3:")
                .hasMessageContaining("no END");
    }

    private static Ast.Type type(Module m, String name) {
        return m.assignments().stream().filter(a -> a instanceof TypeAssignment t && t.name().equals(name))
                .map(a -> ((TypeAssignment) a).type()).findFirst().orElseThrow();
    }
}
