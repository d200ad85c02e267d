package fputsim.explore;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer knows nothing about kernels: its sources never speak of them, nor of the modules above. */
class NoKernelWordsTest {
    private static final Pattern KERNEL = Pattern.compile(
            "(?i)\\b(files?|mounts?|umount|task_work|fput|kernel|io_uring|kworker|inode)\\b");

    @Test
    void sources_ofTheExplorer_containNoKernelVocabulary() {
        assertThat(SourceWords.find(KERNEL)).isEmpty();
    }

    @Test
    void sources_ofTheExplorer_nameNoModuleAboveIt() {
        assertThat(SourceWords.find(SourceWords.naming("fputsim.model", "fputsim.kernel", "fputsim.cli",
                "fputsim.tests", "fputsim.bench", "com.fasterxml"))).isEmpty();
    }
}
