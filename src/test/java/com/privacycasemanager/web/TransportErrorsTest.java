package com.privacycasemanager.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.support.CaseTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests Tomcat refuses before Spring MVC sees them (malformed paths, oversized or too many
 * headers): problem+json under {@code /api/}, plain text elsewhere, never Tomcat's HTML page. Sent
 * over a raw socket, because HTTP clients normalise or refuse such requests themselves.
 */
class TransportErrorsTest extends CaseTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anEncodedNulInAnApiPathIsAProblem() throws IOException {
    assertProblem(send(get("/api/privacy/requests/CCPA-20261124-1A2B3C4D%00")), 400);
  }

  @Test
  void anEncodedSlashInAnApiPathIsAProblem() throws IOException {
    assertProblem(send(get("/api/privacy/requests/CCPA%2F20261124")), 400);
  }

  @Test
  void anEncodedBackslashInAnApiPathIsAProblem() throws IOException {
    assertProblem(send(get("/api/privacy/requests/CCPA%5C20261124")), 400);
  }

  @Test
  void aBrokenPercentEncodingInAnApiPathIsAProblem() throws IOException {
    assertProblem(send(get("/api/privacy/requests/CCPA%ZZ")), 400);
  }

  @Test
  void anOversizedHeaderOnTheApiIsAProblem() throws IOException {
    // Tomcat's default limit for the request line and headers together is 8 KB
    String request = "GET /api/privacy/notice HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "X-Padding: " + "a".repeat(16 * 1024) + "\r\n\r\n";
    assertProblem(send(request), 400);
  }

  @Test
  void tooManyHeadersOnTheApiAreAProblem() throws IOException {
    // Tomcat's default is at most 100 headers
    StringBuilder request = new StringBuilder("GET /api/privacy/notice HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (int i = 0; i < 150; i++) {
      request.append("X-Header-").append(i).append(": v\r\n");
    }
    assertProblem(send(request.append("\r\n").toString()), 400);
  }

  @Test
  void aPostWithAMalformedPathIsAProblemToo() throws IOException {
    String body = "{\"type\":\"OPT_OUT_SALE\",\"email\":\"transport@example.com\"}";
    String request = "POST /api/privacy/requests%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    assertProblem(send(request), 400);
  }

  @Test
  void outsideTheApiTheRefusalIsPlainText() throws IOException {
    for (String path : new String[] {"/privacy/requests/a%2Fb", "/privacy/requests/a%00b", "/%ZZ"}) {
      Response response = send(get(path));
      assertThat(response.status()).as(path).isEqualTo(400);
      assertThat(response.header("content-type")).as(path).startsWith("text/plain");
      assertNoTomcatPage(response);
    }
  }

  @Test
  void aPageWithAnOversizedHeaderGetsPlainText() throws IOException {
    String request = "GET /privacy HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Cookie: c=" + "a".repeat(16 * 1024) + "\r\n\r\n";
    Response response = send(request);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("content-type")).startsWith("text/plain");
    assertNoTomcatPage(response);
  }

  @Test
  void ordinaryApiErrorsStillComeFromTheApplication() throws IOException {
    Response response = send(get("/api/privacy/requests/not-an-id?token=x"));
    assertThat(response.status()).isBetween(400, 404);
    assertThat(response.header("content-type")).startsWith("application/problem+json");
    assertThat(JSON.readTree(response.body()).path("type").asText()).startsWith("https://privacycasemanager.example/problems/");
  }

  private static void assertProblem(Response response, int status) throws IOException {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("content-type")).startsWith("application/problem+json");
    assertNoTomcatPage(response);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isEqualTo("Bad Request");
    assertThat(problem.path("type").asText()).isEqualTo("https://privacycasemanager.example/problems/http-" + status);
    assertThat(problem.path("detail").asText()).isNotBlank();
  }

  private static void assertNoTomcatPage(Response response) {
    String lower = response.body().toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("<html", "<!doctype", "tomcat", "exception", "\tat ");
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  }

  private Response send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return Response.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** A raw HTTP/1.1 response; the body is read to the end of the connection. */
  private record Response(int status, Map<String, String> headers, String body) {

    static Response parse(String raw) {
      int end = raw.indexOf("\r\n\r\n");
      assertThat(end).as("a complete response: %s", raw).isPositive();
      String[] lines = raw.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      String body = raw.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunk(body);
      }
      return new Response(status, headers, body);
    }

    String header(String name) {
      return headers.getOrDefault(name, "");
    }

    private static String unchunk(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }
  }
}
