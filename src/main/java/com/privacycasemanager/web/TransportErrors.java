package com.privacycasemanager.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before the application sees them (an encoded NUL, slash or backslash,
 * a broken percent-encoding, oversized or too many headers) are answered by the host's error
 * report valve, whose page is HTML. This puts {@link Report} in its place: problem+json under
 * {@code /api/}, one line of plain text elsewhere, never a stack trace or the server's version.
 */
@Component
public class TransportErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final ObjectMapper json;

  public TransportErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      Host host = (Host) context.getParent();
      // Spring Boot adds Tomcat's own valve (without report) to the host; only one may answer
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.getPipeline().removeValve(valve);
        }
      }
      host.getPipeline().addValve(new Report(json, context.getPath() + "/api"));
      if (host instanceof StandardHost standard) {
        // otherwise the host adds Tomcat's valve again when it starts
        standard.setErrorReportValveClass("");
      }
    });
  }

  /** The error report of the host: the status Tomcat chose, in the form the caller reads. */
  public static final class Report extends ErrorReportValve {

    private final ObjectMapper json;
    private final String apiPrefix;

    Report(ObjectMapper json, String apiPrefix) {
      this.json = json;
      this.apiPrefix = apiPrefix;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      // as Tomcat's own report: only for an error nobody has written a body for yet
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      try {
        String body;
        if (isApi(request.getRequestURI())) {
          ProblemDetail problem = ProblemHandler.problem(HttpStatusCode.valueOf(status), "http-" + status, detail(status), null);
          problem.setTitle(title);
          response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
          body = json.writeValueAsString(problem);
        } else {
          response.setContentType(MediaType.TEXT_PLAIN_VALUE);
          body = status + " " + title + "\n";
        }
        response.setCharacterEncoding("UTF-8");
        PrintWriter writer = response.getReporter();
        if (writer != null) {
          writer.write(body);
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the client is gone or the response was committed meanwhile: nothing left to tell it
      }
    }

    private boolean isApi(String uri) {
      return uri != null && (uri.equals(apiPrefix) || uri.startsWith(apiPrefix + "/"));
    }

    private static String detail(int status) {
      return status == 400
          ? "The request was refused before it reached the application: its path or headers are malformed or too large."
          : "The request was refused before it reached the application.";
    }
  }
}
