/*
 * TeeStream: writes to two streams, so the KTAP a caller sees is also kept as ktap.txt.
 * Leaves out: error isolation (a failing first stream fails the write).
 * Checked by: RealKernelTest (ktap.txt matches what was printed).
 */
package fputsim.kernel;

import java.io.IOException;
import java.io.OutputStream;

final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
        a.write(c);
        b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        a.write(buf, off, len);
        b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
        a.flush();
        b.flush();
    }
}
