// Summarises a JFR recording of the opt-out intake (bench/profile-intake.sh) as markdown tables.
// Usage: java bench/JfrTop.java RECORDING.jfr INTAKES [TOP]
// CPU samples by thread kind, by frame group (the topmost frame of a named group), by top frame
// (self) and by project method (inclusive); allocation samples by site and class; PostgreSQL round
// trips (socket writes to port 5432) and the time spent waiting for its answers, per intake, by the
// project frame that asked.
import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;
import jdk.jfr.consumer.*;

public class JfrTop {
  static final String[][] GROUPS = {
    {"PostgreSQL JDBC driver", "org.postgresql."},
    {"Hikari pool", "com.zaxxer.hikari."},
    {"MyBatis (Camunda's SQL mapper)", "org.apache.ibatis."},
    {"Camunda engine", "org.camunda."},
    {"Jackson JSON", "com.fasterxml.jackson."},
    {"Spring JDBC / transactions", "org.springframework.jdbc.", "org.springframework.transaction."},
    {"the project's own code", "com.privacycasemanager."},
    {"Spring web / MVC", "org.springframework.web.", "org.springframework.http."},
    {"Spring core / AOP / beans", "org.springframework."},
    {"Tomcat", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."},
    {"Jersey (engine-rest)", "org.glassfish."},
    {"crypto (HMAC, SHA-256)", "sun.security.", "com.sun.crypto.", "javax.crypto.", "java.security."},
    {"JDK (java.*, jdk.*, sun.*)", "java.", "jdk.", "sun.", "javax.", "jakarta."},
  };

  static String name(RecordedFrame f) {
    RecordedMethod m = f.getMethod();
    return m.getType().getName() + "." + m.getName();
  }

  static List<RecordedFrame> frames(RecordedEvent e) {
    RecordedStackTrace st = e.getStackTrace();
    return st == null ? List.of() : st.getFrames();
  }

  static String group(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String n = name(f);
      for (String[] g : GROUPS) {
        for (int i = 1; i < g.length; i++) {
          if (n.startsWith(g[i])) return g[0];
        }
      }
    }
    return "other";
  }

  static String threadKind(RecordedThread t) {
    String n = t == null ? "?" : Objects.requireNonNullElse(t.getJavaName(), Objects.requireNonNullElse(t.getOSName(), "?"));
    if (n.startsWith("http-nio")) return "HTTP request threads (the intake itself)";
    if (n.startsWith("camundaTaskExecutor")) return "job executor (acknowledgement, propagation, confirmation jobs)";
    return "other threads (" + n.replaceAll("[-#0-9 ]+$", "") + ")";
  }

  static String own(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (n.startsWith("com.privacycasemanager.")) return n;
    }
    return null;
  }

  static String firstNonJdk(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (!(n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun."))) return n;
    }
    return frames.isEmpty() ? "?" : name(frames.get(0));
  }

  static String sqlSite(List<RecordedFrame> frames) {
    String o = own(frames);
    if (o != null) return o;
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (n.startsWith("org.camunda.") && !n.startsWith("org.camunda.bpm.engine.impl.db.")
          && !n.startsWith("org.camunda.bpm.engine.impl.interceptor.") && !n.contains("Sql")) return n;
    }
    return "?";
  }

  static <K> List<Map.Entry<K, Double>> sorted(Map<K, Double> m, int top) {
    List<Map.Entry<K, Double>> l = new ArrayList<>(m.entrySet());
    l.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    return l.subList(0, Math.min(top, l.size()));
  }

  static void header(String title, String... cols) {
    System.out.println();
    System.out.println("**" + title + "**");
    System.out.println();
    System.out.println("| " + String.join(" | ", cols) + " |");
    StringBuilder sb = new StringBuilder("|---");
    for (int i = 1; i < cols.length; i++) sb.append("|---:");
    System.out.println(sb.append("|"));
  }

  static String pct(double n, double total) {
    return total == 0 ? "-" : String.format("%.1f%%", 100 * n / total);
  }

  static void add(Map<String, Double> m, String k, double v) {
    m.merge(k, v, Double::sum);
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int intakes = Math.max(1, Integer.parseInt(args[1]));
    int top = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Map<String, Double> byThread = new HashMap<>(), groupsAll = new HashMap<>(), groupsHttp = new HashMap<>(),
        self = new HashMap<>(), selfHttp = new HashMap<>(), callerHttp = new HashMap<>(), inclusive = new HashMap<>(), allocSite = new HashMap<>(),
        allocClass = new HashMap<>(), trips = new HashMap<>(), tripThreads = new HashMap<>(), waits = new HashMap<>();
    double samples = 0, http = 0, alloc = 0, jfrAlloc = 0;
    try (RecordingFile rf = new RecordingFile(file)) {
      while (rf.hasMoreEvents()) {
        RecordedEvent e = rf.readEvent();
        String type = e.getEventType().getName();
        switch (type) {
          case "jdk.ExecutionSample" -> {
            samples++;
            String kind = threadKind(e.getThread("sampledThread"));
            add(byThread, kind, 1);
            List<RecordedFrame> fr = frames(e);
            String g = group(fr);
            add(groupsAll, g, 1);
            boolean isHttp = kind.startsWith("HTTP");
            if (isHttp) {
              http++;
              add(groupsHttp, g, 1);
            }
            if (!fr.isEmpty()) {
              add(self, name(fr.get(0)), 1);
              if (isHttp) {
                add(selfHttp, name(fr.get(0)), 1);
                add(callerHttp, firstNonJdk(fr), 1);
              }
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : fr) {
              String n = name(f);
              if ((n.startsWith("com.privacycasemanager.") || n.endsWith(".startProcessInstanceByKey")
                  || n.equals("org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager.flush")
                  || n.equals("org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable.run")
                  || n.equals("org.springframework.transaction.support.AbstractPlatformTransactionManager.commit")
                  || n.equals("org.springframework.web.servlet.DispatcherServlet.doDispatch"))
                  && seen.add(n)) add(inclusive, n, 1);
            }
          }
          case "jdk.ObjectAllocationSample" -> {
            double w = e.getLong("weight");
            List<RecordedFrame> fr = frames(e);
            if (fr.stream().anyMatch(f -> name(f).startsWith("jdk.jfr."))) {
              jfrAlloc += e.getLong("weight");
              break; // JFR's own socket events (every read and write recorded): the profile's cost, not the intake's
            }
            alloc += w;
            String site = own(fr);
            add(allocSite, site != null ? site : fr.isEmpty() ? "?" : name(fr.get(0)), w);
            RecordedClass c = e.getClass("objectClass");
            add(allocClass, c == null ? "?" : c.getName(), w);
          }
          case "jdk.SocketWrite", "jdk.SocketRead" -> {
            if (e.getInt("port") != 5432) break;
            List<RecordedFrame> fr = frames(e);
            if (type.equals("jdk.SocketWrite")) {
              add(trips, sqlSite(fr), 1);
              add(tripThreads, threadKind(e.getThread()), 1);
            } else {
              add(waits, sqlSite(fr), e.getDuration().toNanos() / 1e6);
            }
          }
          default -> {}
        }
      }
    }
    System.out.printf("%.0f CPU samples of Java threads (JFR, every 10 ms per running thread), %d intakes recorded%n", samples, intakes);
    header("CPU samples by thread", "threads", "samples", "share");
    for (var en : sorted(byThread, 99)) System.out.printf("| %s | %.0f | %s |%n", en.getKey(), en.getValue(), pct(en.getValue(), samples));
    header("CPU by frame group, all threads (the topmost frame that belongs to a group)", "group", "samples", "share");
    for (var en : sorted(groupsAll, 99)) System.out.printf("| %s | %.0f | %s |%n", en.getKey(), en.getValue(), pct(en.getValue(), samples));
    header("CPU by frame group, HTTP request threads only", "group", "samples", "share");
    for (var en : sorted(groupsHttp, 99)) System.out.printf("| %s | %.0f | %s |%n", en.getKey(), en.getValue(), pct(en.getValue(), http));
    header("Top frames (self), HTTP request threads", "frame", "samples", "share of HTTP");
    for (var en : sorted(selfHttp, top)) System.out.printf("| `%s` | %.0f | %s |%n", en.getKey(), en.getValue(), pct(en.getValue(), http));
    header("HTTP request threads by the first frame outside the JDK (who called the JDK code above)", "frame", "samples", "share of HTTP");
    for (var en : sorted(callerHttp, top)) System.out.printf("| `%s` | %.0f | %s |%n", en.getKey(), en.getValue(), pct(en.getValue(), http));
    header("Project methods and milestones (inclusive, all threads)", "method", "samples", "share");
    for (var en : sorted(inclusive, top)) System.out.printf("| `%s` | %.0f | %s |%n", en.getKey(), en.getValue(), pct(en.getValue(), samples));
    System.out.printf("%nAllocation samples: %.0f MB (%.0f kB per intake) by the application, %.0f MB more by JFR's socket events (left out)%n",
        alloc / 1e6, alloc / 1e3 / intakes, jfrAlloc / 1e6);
    header("Allocation (sampled weight) by the first project frame, else the top frame", "site", "MB", "kB per intake", "share");
    for (var en : sorted(allocSite, top)) System.out.printf("| `%s` | %.0f | %.0f | %s |%n", en.getKey(), en.getValue() / 1e6, en.getValue() / 1e3 / intakes, pct(en.getValue(), alloc));
    header("Allocation by class", "class", "MB", "share");
    for (var en : sorted(allocClass, 10)) System.out.printf("| `%s` | %.0f | %s |%n", en.getKey(), en.getValue() / 1e6, pct(en.getValue(), alloc));
    header("PostgreSQL round trips (socket writes to port 5432) per intake, by thread", "threads", "round trips", "per intake");
    for (var en : sorted(tripThreads, 99)) System.out.printf("| %s | %.0f | %.1f |%n", en.getKey(), en.getValue(), en.getValue() / intakes);
    header("PostgreSQL round trips per intake, by the project frame (else engine frame) that sent them", "sent from", "round trips", "per intake");
    for (var en : sorted(trips, top)) System.out.printf("| `%s` | %.0f | %.2f |%n", en.getKey(), en.getValue(), en.getValue() / intakes);
    header("Waiting for PostgreSQL's answers (socket reads), by who asked", "asked by", "ms total", "ms per intake");
    for (var en : sorted(waits, top)) System.out.printf("| `%s` | %.0f | %.2f |%n", en.getKey(), en.getValue(), en.getValue() / intakes);
  }
}
