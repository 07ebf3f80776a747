package com.privacycasemanager.access;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.Collected;
import com.privacycasemanager.datamap.Collected.SystemRows;
import com.privacycasemanager.datamap.Collected.TableRows;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the zip a consumer downloads: {@code personal-information.json} (everything,
 * machine-readable), one CSV per table under {@code csv/}, and {@code index.html} to read in a
 * browser. A categories answer holds the categories part only.
 */
final class PackageWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .disable(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  private PackageWriter() {}

  /**
   * Streams the zip to {@code out} and closes it: rows go from the collected tables to
   * JSON, CSV and HTML without intermediate copies, so a large package costs its rows once.
   */
  static void write(OutputStream out, PackageHeader header, CategoriesReport categories, Collected collected) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry(header.specific() ? "personal-information.json" : "categories.json"));
    JsonGenerator json = JSON.getFactory().createGenerator(new NonClosing(zip)).useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeStringField("business", header.business());
    json.writeStringField("requestId", header.requestId());
    json.writeStringField("answer", header.specific() ? "SPECIFIC_PIECES" : "CATEGORIES");
    json.writeStringField("generatedAt", header.generatedAt());
    json.writeStringField("coversDataCollectedSince", header.since());
    if (header.note() != null) {
      json.writeStringField("note", header.note());
    }
    json.writeFieldName("categories");
    JSON.writeValue(json, categories);
    if (header.specific()) {
      json.writeArrayFieldStart("systems");
      for (SystemRows system : collected.systems()) {
        if (system.tables().stream().allMatch(t -> t.rows().isEmpty())) {
          continue;
        }
        json.writeStartObject();
        json.writeStringField("system", system.name());
        json.writeArrayFieldStart("tables");
        for (TableRows table : system.tables()) {
          if (table.rows().isEmpty()) {
            continue;
          }
          json.writeStartObject();
          json.writeStringField("table", table.table());
          json.writeArrayFieldStart("rows");
          for (Object[] row : table.rows()) {
            json.writeStartObject();
            for (int c = 0; c < row.length; c++) {
              json.writeFieldName(table.labels().get(c));
              json.writeObject(row[c]);
            }
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
    json.flush();
    zip.closeEntry();
    if (header.specific()) {
      for (SystemRows system : collected.systems()) {
        for (TableRows table : system.tables()) {
          if (table.rows().isEmpty()) {
            continue;
          }
          zip.putNextEntry(new ZipEntry("csv/" + system.id() + "-" + table.table() + ".csv"));
          Writer csv = new BufferedWriter(new OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8));
          writeCsv(csv, table);
          csv.flush();
          zip.closeEntry();
        }
      }
    }
    zip.putNextEntry(new ZipEntry("index.html"));
    Writer html = new BufferedWriter(new OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8));
    writeHtml(html, header, categories, header.specific() ? collected : null);
    html.flush();
    zip.closeEntry();
    zip.close();
  }

  /** What the package says about itself (no personal data). */
  record PackageHeader(
      String business, String requestId, boolean specific, String generatedAt, String since, String note) {}

  /** Lets writers be flushed and dropped without closing the zip under them. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
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
