package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The --json documents validate against the schemas published in docs/json/. */
class JsonSchemaTest {
    static Set<ValidationMessage> validate(String schema, Path doc) throws Exception {
        JsonSchema s;
        try (InputStream in = Files.newInputStream(Path.of("../docs/json", schema))) {
            s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode node = JsonOutput.MAPPER.readTree(doc.toFile());
        return s.validate(node);
    }

    @Test
    void checkJson_violatingRun_matchesCheckSchemaV1(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("check.json");
        Cli.run("check", "--jobs", "1", "--iodepth", "1", "-q", "--json", out.toString());
        assertThat(validate("check-v1.schema.json", out)).isEmpty();
    }

    @Test
    void compareJson_twoVariants_matchesCompareSchemaV1(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("compare.json");
        Cli.run("compare", "--jobs", "1", "--iodepth", "1", "--variants", "baseline-6.18,exit-cancel-2026", "-q", "--json", out.toString());
        assertThat(validate("compare-v1.schema.json", out)).isEmpty();
        JsonNode j = JsonOutput.MAPPER.readTree(out.toFile());
        assertThat(j.get("variants")).hasSize(2);
    }

    @Test
    void schema_documentMissingAField_isRejected(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bad.json");
        Files.writeString(out, "{\"schema\":\"fputsim-check/1\",\"fputsim\":\"0.1.0\"}");
        assertThat(validate("check-v1.schema.json", out)).isNotEmpty();
    }
}
