package fputsim.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fputsim.explore.Execution;
import fputsim.explore.Status;
import fputsim.model.Kernel;
import fputsim.model.ModelFactory;
import fputsim.model.report.Ledger;
import fputsim.model.sched.Kworker;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.WorkStruct;

import java.util.List;

/** The JSON the page draws: the model, the goal, the actors, the ledger, the queues and the schedule. */
final class Views {
    static final JsonNodeFactory J = JsonNodeFactory.instance;

    private Views() {
    }

    static ObjectNode model(Play p) {
        ModelFactory f = p.factory;
        ObjectNode m = J.objectNode();
        m.put("id", f.id());
        m.put("scenario", f.scenario().number());
        m.put("scenarioName", f.scenario().key());
        m.put("story", f.scenario().story());
        m.put("config", f.config().id());
        m.put("variant", f.variant().name());
        m.put("summary", f.variant().summary());
        m.put("kernel", f.variant().kernelVersion());
        m.put("maxSteps", p.maxSteps);
        ObjectNode g = m.putObject("goal");
        g.put("property", p.goal.name());
        g.put("outcome", p.goal.outcome());
        g.put("text", p.goal.text());
        g.put("fix", p.goal.fix());
        return m;
    }

    static ObjectNode state(Play p, int[] decisions, Play.At at) {
        ObjectNode o = J.objectNode();
        o.set("model", model(p));
        ArrayNode d = o.putArray("decisions");
        for (int x : decisions) {
            d.add(x);
        }
        o.put("step", at.steps().size());
        ArrayNode steps = o.putArray("steps");
        for (Play.Step s : at.steps()) {
            steps.add(step(s));
        }
        Kernel k = at.kernel();
        o.set("actors", actors(p, decisions, at));
        o.set("ledger", ledger(Play.ledger(k)));
        o.set("queues", queues(k, Play.ledger(k)));
        Execution e = at.execution();
        int reached = p.reachedAt(e);
        o.put("reached", reached > 0);
        o.put("reachedAt", reached);
        ArrayNode v = o.putArray("violations");
        for (Execution.Violation x : e.violations()) {
            ObjectNode vn = v.addObject();
            vn.put("property", x.name());
            vn.put("step", x.step());
        }
        o.put("ending", at.finished() ? e.ending().name().toLowerCase(java.util.Locale.ROOT) : "running");
        ArrayNode um = o.putArray("umount");
        k.umountResults().forEach(um::add);
        ArrayNode blocked = o.putArray("blocked");
        if (at.finished()) {
            k.blocked().forEach(blocked::add);
        }
        String token = p.token(decisions).encode();
        o.put("token", token);
        o.put("tokenComplete", at.finished());
        o.put("replay", "./fputsim replay " + token);
        return o;
    }

    static ObjectNode step(Play.Step s) {
        ObjectNode n = J.objectNode();
        n.put("n", s.n());
        n.put("actor", s.actor());
        n.put("name", s.name());
        n.put("function", s.function());
        ArrayNode vs = n.putArray("values");
        for (int x : s.values()) {
            vs.add(x);
        }
        n.put("from", s.from());
        n.put("to", s.to());
        ArrayNode ev = n.putArray("events");
        s.events().forEach(ev::add);
        return n;
    }

    private static ArrayNode actors(Play p, int[] decisions, Play.At at) {
        ArrayNode out = J.arrayNode();
        List<TaskStruct> tasks = at.kernel().actors();
        int key = 0;
        for (int i = 0; i < tasks.size(); i++) {
            TaskStruct t = tasks.get(i);
            ObjectNode a = out.addObject();
            a.put("id", i);
            a.put("name", t.name());
            a.put("kind", kind(t));
            boolean runnable = at.enabled() != null && contains(at.enabled(), i);
            Status st = t.status();
            a.put("status", runnable ? "runnable" : st == Status.BLOCKED ? "blocked" : st == Status.FINISHED ? "finished" : "waiting");
            ArrayNode fr = a.putArray("frames");
            Play.frames(t).forEach(fr::add);
            if (runnable) {
                a.put("key", ++key);
                Play.Lookahead l = p.lookahead(decisions, i);
                ArrayNode nx = a.putArray("next");
                l.events().forEach(nx::add);
                if (l.choiceBound() > 0) {
                    a.put("choice", l.choiceBound());
                }
            } else if (st == Status.BLOCKED && t.top() != null) {
                a.put("waitsFor", t.top().waitsFor());
            }
        }
        return out;
    }

    static String kind(TaskStruct t) {
        if (t instanceof Kworker) {
            return "kworker";
        }
        String n = t.getClass().getSimpleName();
        if (n.equals("IrqContext")) {
            return "irq";
        }
        if (n.equals("IoWqWorker")) {
            return "io-wq";
        }
        if (n.equals("SqpollThread")) {
            return "sqpoll";
        }
        return t.isKthread() ? "kthread" : "task";
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    static ArrayNode ledger(Ledger.Snapshot s) {
        ArrayNode out = J.arrayNode();
        for (Ledger.Count c : s.counts()) {
            ObjectNode n = out.addObject();
            n.put("object", c.object());
            n.put("counter", c.counter());
            n.put("value", c.value());
            n.put("state", c.state());
            ArrayNode refs = n.putArray("refs");
            for (Ledger.Ref r : c.refs()) {
                ObjectNode rn = refs.addObject();
                rn.put("holder", r.holder());
                rn.put("droppedBy", r.droppedBy());
            }
        }
        return out;
    }

    /** Every deferred queue (task_works newest first, the ring lists, delayed_fput_list) and every work item. */
    static ObjectNode queues(Kernel k, Ledger.Snapshot s) {
        ObjectNode q = J.objectNode();
        ArrayNode lists = q.putArray("lists");
        ObjectNode last = null;
        for (Ledger.Pending p : s.pending()) {
            if (p.queue().startsWith("workqueue(")) {
                continue;
            }
            if (last == null || !last.get("queue").asText().equals(p.queue())) {
                last = lists.addObject();
                last.put("queue", p.queue());
                last.put("runBy", p.runBy());
                last.put("lifo", p.queue().startsWith("task_works("));
                last.putArray("items");
            }
            ((ArrayNode) last.get("items")).add(p.item());
        }
        ObjectNode dl = q.putObject("delayedFput");
        ArrayNode items = dl.putArray("items");
        for (Object f : k.fileTable.delayedFputList.peek()) {
            items.add(String.valueOf(f));
        }
        ArrayNode works = q.putArray("works");
        for (TaskStruct t : k.actors()) {
            if (t instanceof Kworker w) {
                WorkStruct ws = w.work();
                ObjectNode n = works.addObject();
                n.put("workqueue", ws.workqueue);
                n.put("function", ws.function);
                n.put("worker", w.name());
                n.put("state", ws.pending() ? "pending" : ws.running() ? "running" : "idle");
                n.put("queued", ws.queued());
            }
        }
        return q;
    }
}
