/*
 * NativeHelperTest: the helper's C source travels as a resource and the cached binary is
 * named by the source's hash, so a changed source is rebuilt.
 */
package fputsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeHelperTest {
    @Test
    void source_packagedAsResource_isTheReaper() {
        String src = new String(NativeHelper.source(), StandardCharsets.UTF_8);
        assertThat(src).contains("umount2(mnt, 0)", "kill(pid, SIGKILL)", "PR_SET_PDEATHSIG");
    }

    @Test
    void binaryName_changedSource_changesName() {
        byte[] a = "int main(void){return 0;}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "int main(void){return 1;}".getBytes(StandardCharsets.UTF_8);
        assertThat(NativeHelper.binaryName(a)).isEqualTo(NativeHelper.binaryName(a.clone()))
                .isNotEqualTo(NativeHelper.binaryName(b)).matches("fputsim-reaper-[0-9a-f]{16}");
    }
}
