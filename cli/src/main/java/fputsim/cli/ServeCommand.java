package fputsim.cli;

import fputsim.cli.serve.ServeServer;
import fputsim.model.ModelFactory;
import fputsim.model.Variant;
import fputsim.model.scenario.Scenario;
import fputsim.model.variant.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * serve: be the scheduler. A page on 127.0.0.1 where the student picks which task, kworker or
 * interrupt runs next, watches the references move, and tries to make umount fail; backed by the
 * real model (every view is a replay of the schedule so far), with hints from the explorer.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Be the scheduler: a local page (127.0.0.1 only) where you pick which actor runs next until umount fails, then try a fix.",
                "Starts on scenario 03 with --jobs 1 --iodepth 1 unless told otherwise; the page can switch scenario, configuration and variant.",
                "Stops on Ctrl-C."},
        footer = "%nExit codes:%n  0   stopped from within (not by a signal)%n  2   bad usage, or the port is taken%n  3   internal error%n  130 stopped by Ctrl-C (the usual way to end it)%n")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "port on 127.0.0.1 (default: a free one)")
    int port;

    @Option(names = "--open", description = "open the page in the default browser (xdg-open), where there is one")
    boolean open;

    @Option(names = "--max-steps", defaultValue = "2000", paramLabel = "N", description = "steps per schedule, as check's (default: ${DEFAULT-VALUE})")
    int maxSteps;

    /** Counted down to stop the running command (by the Ctrl-C hook, or a test). */
    private static volatile CountDownLatch stop;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UsageError("--port must be in 0..65535, got " + port);
        }
        if (maxSteps < 1) {
            throw new UsageError("--max-steps must be at least 1");
        }
        if (model.jobs == null) {
            model.jobs = 1;
        }
        if (model.iodepth == null) {
            model.iodepth = 1;
        }
        Scenario s = model.scenario();
        Variant v = model.variant();
        ModelFactory initial = new ModelFactory(s, model.config(s), v);
        List<String> extra = model.variantClass() == null ? List.of() : List.of(v.name());
        Function<String, Variant> resolver = name -> resolve(name, model.variantClass() == null ? null : v);
        ServeServer server = new ServeServer(ServeServer.Options.of(initial, resolver, extra, maxSteps));
        CountDownLatch latch = new CountDownLatch(1);
        stop = latch;
        int bound;
        try {
            bound = server.start(port);
        } catch (IOException e) {
            throw new UsageError("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        String url = "http://127.0.0.1:" + bound + "/";
        PrintWriter out = spec.commandLine().getOut();
        out.println("fputsim serve: " + url + " (" + initial.id() + "; Ctrl-C stops it)");
        if (open) {
            out.println(openBrowser(url, System.getenv().getOrDefault("PATH", "")));
        }
        out.flush();
        Thread hook = new Thread(() -> {
            server.stop();
            latch.countDown();
        }, "fputsim-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            latch.await();
        } finally {
            server.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook stops the server
            }
        }
        return ExitCodes.OK;
    }

    /** Tests: stops a running serve as Ctrl-C does. */
    static void stopRunning() {
        CountDownLatch l = stop;
        if (l != null) {
            l.countDown();
        }
    }

    /** A variant by name: built in (NAME or NAME@VERSION), or the user's class by its own name. */
    static Variant resolve(String name, Variant user) {
        if (user != null) {
            int at = name.lastIndexOf('@');
            fputsim.model.Baseline on = at > 0 ? fputsim.model.Baseline.of(name.substring(at + 1)) : null;
            if (user.name().equals(name)) {
                return user;
            }
            if (on != null && user.name().equals(name.substring(0, at))) {
                return user.on(on);
            }
        }
        return Variants.find(name);
    }

    /** Starts xdg-open on the URL where it exists; says so where it does not. */
    static String openBrowser(String url, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            java.io.File x = new java.io.File(dir, "xdg-open");
            if (x.canExecute()) {
                try {
                    new ProcessBuilder(x.getPath(), url).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    return "fputsim serve: opened " + url + " with xdg-open";
                } catch (IOException e) {
                    return "fputsim serve: --open: xdg-open failed (" + e.getMessage() + "); open " + url + " yourself";
                }
            }
        }
        return "fputsim serve: --open: no xdg-open on this machine; open " + url + " yourself";
    }
}
