package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    @Test
    void skipsAnOversizedLineAndKeepsTheRest() throws IOException {
        String huge = "x".repeat(100_000);
        BoundedLineReader reader = new BoundedLineReader(new StringReader("a\r\n" + huge + "\nb\nlast"), 1000);
        assertThat(reader.next()).isEqualTo(new BoundedLineReader.Line(1, "a", 2));
        BoundedLineReader.Line big = reader.next();
        assertThat(big.oversized()).isTrue();
        assertThat(big.number()).isEqualTo(2);
        assertThat(big.length()).isEqualTo(100_000);
        assertThat(reader.next().text()).isEqualTo("b");
        assertThat(reader.next().text()).isEqualTo("last");
        assertThat(reader.next()).isNull();
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertThat(new BoundedLineReader(new StringReader(""), 10).next()).isNull();
    }
}
