package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJsonTest {
    static final Path SCHEMA = Path.of("../docs/json/kernel-run-v1.schema.json");
    static final ObjectMapper JSON = new ObjectMapper();

    static Set<ValidationMessage> validate(JsonNode doc) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(SCHEMA));
        return schema.validate(doc);
    }

    static IterationRecord busyIteration() {
        return IterationRecord.parse("iter=1 sleep_us=400000 fio_pid=3912 fio_early_exit=0 fio_status=9 kill_ns=100"
                + " wait_ns=200 first_umount_ns=210 last_ebusy_ns=7000 done_ns=7300 helper_delay_ns=10 attempts=25"
                + " ebusy=24 umount_errno=0");
    }

    @Test
    void document_skippedRun_validAgainstSchema(@TempDir Path dir) throws Exception {
        RunSummary s = RunSummary.skipped(ReproducerRun.Options.defaults("io_uring"), "not run: root: not root", "6.18.44");
        Path file = dir.resolve("run.json");
        RunJson.write(file, s, "0.1.0");
        JsonNode doc = JSON.readTree(file.toFile());
        assertThat(validate(doc)).isEmpty();
        assertThat(doc.path("summary").path("exitCode").asInt()).isEqualTo(77);
        assertThat(doc.path("iterations")).isEmpty();
    }

    @Test
    void document_withIterations_validAndCarriesOutcome() throws Exception {
        RunSummary s = RunSummary.skipped(ReproducerRun.Options.defaults("io_uring"), "", "6.18.44");
        ObjectNode doc = RunJson.document(s, List.of(busyIteration()), "0.1.0");
        assertThat(validate(doc)).isEmpty();
        assertThat(doc.path("iterations").get(0).path("outcome").asText()).isEqualTo("BUSY_THEN_UNMOUNTED");
        assertThat(doc.path("iterations").get(0).path("windowNs").asLong()).isEqualTo(6800);
    }

    @Test
    void validate_missingFieldOrWrongSchemaTag_rejected() throws Exception {
        RunSummary s = RunSummary.skipped(ReproducerRun.Options.defaults("psync"), "", "6.18.44");
        ObjectNode doc = RunJson.document(s, List.of(busyIteration()), "0.1.0");
        ((ObjectNode) doc.path("iterations").get(0)).remove("ebusy");
        assertThat(validate(doc)).isNotEmpty();
        ObjectNode other = RunJson.document(s, List.of(), "0.1.0");
        other.put("schema", "fputsim-kernel-run/2");
        assertThat(validate(other)).isNotEmpty();
    }
}
