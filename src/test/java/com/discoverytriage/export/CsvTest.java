package com.discoverytriage.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.fixtures.CsvReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV export that spreadsheets open safely")
class CsvTest {

    @Test
    @DisplayName("commas, quotes, newlines, emoji and non-ASCII names survive a round trip; formulas are neutralised")
    void roundTrip() {
        // given
        List<List<String>> table = List.of(
                List.of("name", "answer", "note"),
                List.of("Zoë Ångström 🚀", "yes, \"mostly\"", "line one\nline two\r\nline three"),
                List.of("=HYPERLINK(\"http://x.test\")", "+1", "-2"),
                List.of("@SUM(A1)", "\tTabbed", "\rreturn"),
                List.of("", "plain", "a=b"));

        // when
        String csv = Csv.write(table);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);

        // then: UTF-8 with a BOM, CRLF line ends
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String read = new String(bytes, StandardCharsets.UTF_8).substring(1);
        List<List<String>> back = CsvReader.parse(read);
        assertThat(back).hasSize(5);
        assertThat(back.get(1)).containsExactly("Zoë Ångström 🚀", "yes, \"mostly\"", "line one\nline two\r\nline three");
        assertThat(back.get(2)).containsExactly("'=HYPERLINK(\"http://x.test\")", "'+1", "'-2");
        assertThat(back.get(3)).containsExactly("'@SUM(A1)", "'\tTabbed", "'\rreturn");
        assertThat(back.get(4)).containsExactly("", "plain", "a=b");
        assertThat(read).doesNotContain(",=", ",+", ",-", ",@");
    }
}
