package fputsim.cli;

import fputsim.model.KernelVersion;
import picocli.CommandLine;

/** -V: fputsim's version, the model's version and the kernel it follows. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[]{"fputsim " + VERSION, "model " + KernelVersion.MODEL + ", kernel baseline Linux " + KernelVersion.BASELINE};
    }
}
