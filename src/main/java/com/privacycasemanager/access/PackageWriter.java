package com.privacycasemanager.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.privacycasemanager.access.Collected.SystemRows;
import com.privacycasemanager.access.Collected.TableRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the zip a consumer downloads: {@code personal-information.json} (everything,
 * machine-readable), one CSV per table under {@code csv/}, and {@code index.html} to read in a
 * browser. A categories answer holds the categories part only.
 */
final class PackageWriter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PackageWriter() {}

  static byte[] write(PackageHeader header, CategoriesReport categories, Collected collected) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("business", header.business());
      json.put("requestId", header.requestId());
      json.put("answer", header.specific() ? "SPECIFIC_PIECES" : "CATEGORIES");
      json.put("generatedAt", header.generatedAt());
      json.put("coversDataCollectedSince", header.since());
      json.put("note", header.note());
      json.put("categories", categories);
      if (header.specific()) {
        json.put("systems", systemsJson(collected));
      }
      zip.putNextEntry(new ZipEntry(header.specific() ? "personal-information.json" : "categories.json"));
      zip.write(JSON.writeValueAsBytes(json));
      zip.closeEntry();
      if (header.specific()) {
        for (SystemRows system : collected.systems()) {
          for (TableRows table : system.tables()) {
            if (table.rows().isEmpty()) {
              continue;
            }
            zip.putNextEntry(new ZipEntry("csv/" + system.id() + "-" + table.table() + ".csv"));
            Writer csv = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            writeCsv(csv, table);
            csv.flush();
            zip.closeEntry();
          }
        }
      }
      zip.putNextEntry(new ZipEntry("index.html"));
      Writer html = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
      writeHtml(html, header, categories, header.specific() ? collected : null);
      html.flush();
      zip.closeEntry();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the access package", e);
    }
    return bytes.toByteArray();
  }

  /** What the package says about itself (no personal data). */
  record PackageHeader(
      String business, String requestId, boolean specific, String generatedAt, String since, String note) {}

  private static List<Object> systemsJson(Collected collected) {
    List<Object> systems = new ArrayList<>();
    for (SystemRows system : collected.systems()) {
      List<Object> tables = new ArrayList<>();
      for (TableRows table : system.tables()) {
        if (table.rows().isEmpty()) {
          continue;
        }
        List<Map<String, Object>> rows = new ArrayList<>(table.rows().size());
        for (Object[] row : table.rows()) {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int c = 0; c < row.length; c++) {
            values.put(table.labels().get(c), row[c]);
          }
          rows.add(values);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("table", table.table());
        t.put("rows", rows);
        tables.add(t);
      }
      if (!tables.isEmpty()) {
        Map<String, Object> sys = new LinkedHashMap<>();
        sys.put("system", system.name());
        sys.put("tables", tables);
        systems.add(sys);
      }
    }
    return systems;
  }

  static void writeCsv(Writer out, TableRows table) throws IOException {
    out.write(csvLine(table.labels().toArray()));
    for (Object[] row : table.rows()) {
      out.write(csvLine(row));
    }
  }

  private static String csvLine(Object[] values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      String v = values[i] == null ? "" : values[i].toString();
      if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
        v = '"' + v.replace("\"", "\"\"") + '"';
      }
      line.append(v);
    }
    return line.append("\r\n").toString();
  }

  private static void writeHtml(Writer out, PackageHeader header, CategoriesReport categories, Collected collected)
      throws IOException {
    out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your personal information — "
        + esc(header.business()) + "</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        + "table{border-collapse:collapse;margin-bottom:1.5rem}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}"
        + "caption{text-align:left;font-weight:bold}</style></head><body>");
    out.write("<h1>Your personal information held by " + esc(header.business()) + "</h1>");
    out.write("<p>Request " + esc(header.requestId()) + ", prepared " + esc(header.generatedAt())
        + ". It covers personal information collected since " + esc(header.since()) + ".</p>");
    if (header.note() != null) {
      out.write("<p><strong>" + esc(header.note()) + "</strong></p>");
    }
    if (categories.isEmpty()) {
      out.write("<p><strong>We found no personal information about you.</strong></p>");
    } else {
      out.write("<h2>Categories of personal information</h2><ul>");
      for (CategoriesReport.CategoryLine line : categories.categories()) {
        out.write("<li>" + esc(line.label()) + ": " + esc(String.join(", ", line.examples())) + "</li>");
      }
      out.write("</ul>");
      list(out, "Where it came from", categories.sources());
      list(out, "Why we use it", categories.purposes());
      list(out, "Sold to", categories.soldTo().isEmpty() ? List.of("We did not sell this information.") : categories.soldTo());
      list(out, "Shared with (cross-context behavioural advertising)",
          categories.sharedWith().isEmpty() ? List.of("We did not share this information.") : categories.sharedWith());
      list(out, "Disclosed for a business purpose to", categories.disclosedForBusinessPurpose());
    }
    if (collected != null && !collected.isEmpty()) {
      out.write("<h2>The specific pieces of information</h2>");
      out.write("<p>Values shown as “" + Collected.WITHHELD + "” are ones the law does not let us disclose "
          + "(such as government identifiers, account numbers and passwords); we tell you we hold them.</p>");
      for (SystemRows system : collected.systems()) {
        for (TableRows table : system.tables()) {
          if (table.rows().isEmpty()) {
            continue;
          }
          out.write("<table><caption>" + esc(system.name()) + ": " + esc(table.table().replace('_', ' ')) + "</caption><tr>");
          for (String label : table.labels()) {
            out.write("<th>" + esc(label) + "</th>");
          }
          out.write("</tr>");
          for (Object[] row : table.rows()) {
            out.write("<tr>");
            for (Object v : row) {
              out.write("<td>" + (v == null ? "" : esc(v.toString())) + "</td>");
            }
            out.write("</tr>");
          }
          out.write("</table>");
        }
      }
    }
    out.write("</body></html>");
  }

  private static void list(Writer out, String title, List<String> items) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    out.write("<h3>" + esc(title) + "</h3><ul>");
    for (String item : items) {
      out.write("<li>" + esc(item) + "</li>");
    }
    out.write("</ul>");
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
