package io.flowtrack.metrics.io;

import io.flowtrack.metrics.aging.Aging;
import io.flowtrack.metrics.aging.AgingItem;
import io.flowtrack.metrics.aging.StagePace;
import io.flowtrack.metrics.quality.DataQuality;
import io.flowtrack.metrics.quality.Finding;
import io.flowtrack.metrics.quality.ItemFindings;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.flowtrack.metrics.forecast.Forecast;
import io.flowtrack.metrics.report.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link Report} as a {@code flowtrack-report/1} document with Jackson's streaming generator.
 * Field names and meanings are those of history-format.md; fields beyond it are additions, never changes.
 */
public final class ReportWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final SerializableString STAGE = new SerializedString("stage");
    private static final SerializableString STARTED_IN = new SerializedString("startedIn");
    private static final SerializableString FINISHED_IN = new SerializedString("finishedIn");
    private static final SerializableString BLOCKED_SECONDS = new SerializedString("blockedSeconds");
    private static final SerializableString BLOCKED_NOW = new SerializedString("blockedNow");
    private static final SerializableString CYCLE_WORKING = new SerializedString("cycleTimeWorkingDays");
    private static final SerializableString AGE_WORKING = new SerializedString("ageWorkingDays");
    /** yyyy-MM-dd. */
    private static final int DATE_CHARS = 10;
    /** Room for the longest seconds value: 19 digits of a long, the point and three decimals. */
    private static final int SECONDS_CHARS = 24;

    private ReportWriter() {
    }

    /** Writes the report to the stream (left open). */
    public static void write(Report report, OutputStream out, boolean pretty) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(report, g);
        }
    }

    /** The report as a JSON string. */
    public static String toJson(Report report, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(report, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(Report r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", Report.FORMAT);
        g.writeStringField("asOf", r.asOf().toString());
        g.writeStringField("from", r.from().toString());
        g.writeStringField("to", r.to().toString());
        g.writeStringField("timeZone", r.timeZone().getId());
        if (r.source() != null) {
            g.writeStringField("source", r.source());
        }
        g.writeStringField("startPolicy", r.startPolicy().jsonName());
        g.writeStringField("commitmentStage", r.commitmentStage());
        g.writeArrayFieldStart("stages");
        for (Report.StageInfo s : r.stages()) {
            g.writeString(s.name());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("workflow");
        for (Report.StageInfo s : r.stages()) {
            g.writeStartObject();
            g.writeStringField("stage", s.name());
            g.writeStringField("category", s.category().jsonName());
            g.writeEndObject();
        }
        g.writeEndArray();
        items(r, g);
        daily(r, g);
        cycleTime(r.cycleTime(), g);
        nullableNumber(g, "flowEfficiency", r.flowEfficiency());
        Report.Throughput t = r.throughput();
        g.writeObjectFieldStart("throughput");
        g.writeNumberField("total", t.total());
        g.writeNumberField("days", t.days());
        g.writeNumberField("meanPerDay", t.meanPerDay());
        g.writeNumberField("maxPerDay", t.maxPerDay());
        g.writeNumberField("zeroDays", t.zeroDays());
        g.writeEndObject();
        Report.Wip w = r.wip();
        g.writeObjectFieldStart("wip");
        g.writeNumberField("mean", w.mean());
        g.writeNumberField("min", w.min());
        g.writeNumberField("max", w.max());
        g.writeNumberField("current", w.current());
        g.writeNumberField("arrivals", w.arrivals());
        g.writeEndObject();
        g.writeArrayFieldStart("byType");
        for (Report.TypeCount c : r.byType()) {
            g.writeStartObject();
            g.writeStringField("type", c.type());
            g.writeNumberField("count", c.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        sle(r.sle(), g);
        aging(r.aging(), g);
        dataQuality(r.dataQuality(), g);
        g.writeObjectFieldStart("excluded");
        g.writeNumberField("removed", r.excluded().removed());
        g.writeNumberField("createdAfterAsOf", r.excluded().createdAfterAsOf());
        g.writeNumberField("otherTypes", r.excluded().otherTypes());
        g.writeEndObject();
        if (r.forecast() != null) {
            forecasts(r.forecast(), g);
        }
        stageBreakdown(r, g);
        Report.Blocked b = r.blocked();
        g.writeObjectFieldStart("blocked");
        g.writeNumberField("items", b.items());
        g.writeNumberField("share", b.share());
        g.writeNumberField("now", b.now());
        g.writeEndObject();
        weekly(r, g);
        if (r.calendar() != null) {
            g.writeObjectFieldStart("calendar");
            g.writeArrayFieldStart("workingDays");
            for (java.time.DayOfWeek d : r.calendar().workingDays()) {
                g.writeString(d.name());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("holidays");
            for (LocalDate h : r.calendar().holidays()) {
                g.writeString(h.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void stageBreakdown(Report r, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("stageBreakdown");
        for (Report.StageShare row : r.stageBreakdown()) {
            g.writeStartObject();
            g.writeStringField("stage", row.stage());
            g.writeNumberField("items", row.items());
            g.writeFieldName("totalSeconds");
            seconds(g, row.totalMillis());
            g.writeNumberField("share", row.share());
            g.writeObjectFieldStart("percentiles");
            for (Map.Entry<Integer, Long> e : row.percentiles().entrySet()) {
                g.writeFieldName(Integer.toString(e.getKey()));
                seconds(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void weekly(Report r, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("weekly");
        for (Report.Week w : r.weekly()) {
            g.writeStartObject();
            date(g, "weekStart", w.weekStart());
            g.writeNumberField("days", w.days());
            g.writeBooleanField("partial", w.partial());
            g.writeNumberField("arrivals", w.arrivals());
            g.writeNumberField("throughput", w.throughput());
            g.writeNumberField("wip", w.wip());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void items(Report r, JsonGenerator g) throws IOException {
        new ItemsWriter(r, g).write();
    }

    /**
     * The items array, the bulk of a large report (a million items: some 25 fields each). Field names and
     * the workflow's stage names go out pre-encoded, and dates and seconds are spelled in one reused buffer,
     * so that writing an item makes no strings or arrays of its own.
     */
    private static final class ItemsWriter {
        private static final SerializableString ID = new SerializedString("id");
        private static final SerializableString TYPE = new SerializedString("type");
        private static final SerializableString TITLE = new SerializedString("title");
        private static final SerializableString CREATED = new SerializedString("created");
        private static final SerializableString STARTED = new SerializedString("started");
        private static final SerializableString FINISHED = new SerializedString("finished");
        private static final SerializableString CYCLE_DAYS = new SerializedString("cycleTimeDays");
        private static final SerializableString AGE_DAYS = new SerializedString("ageDays");
        private static final SerializableString FLOW_EFFICIENCY = new SerializedString("flowEfficiency");
        private static final SerializableString TIME_IN_STAGE = new SerializedString("timeInStageSeconds");

        private final Report r;
        private final JsonGenerator g;
        private final Map<String, SerializableString> stageNames = new HashMap<>();
        private final SerializableString[] stageFields;
        private final boolean calendar;
        private final char[] scratch = new char[SECONDS_CHARS];

        ItemsWriter(Report r, JsonGenerator g) {
            this.r = r;
            this.g = g;
            // Every item names up to three stages; each name is encoded once, not once per item.
            stageFields = new SerializableString[r.stages().size()];
            for (int s = 0; s < stageFields.length; s++) {
                String name = r.stages().get(s).name();
                stageFields[s] = new SerializedString(name);
                stageNames.putIfAbsent(name, stageFields[s]);
            }
            calendar = r.calendar() != null;
        }

        void write() throws IOException {
            g.writeArrayFieldStart("items");
            for (Report.Item item : r.items()) {
                item(item);
            }
            g.writeEndArray();
        }

        private void item(Report.Item item) throws IOException {
            g.writeStartObject();
            g.writeFieldName(ID);
            g.writeString(item.id());
            g.writeFieldName(TYPE);
            g.writeString(item.type());
            if (item.title() != null) {
                g.writeFieldName(TITLE);
                g.writeString(item.title());
            }
            stage(g, STAGE, item.stage(), stageNames);
            date(CREATED, item.created());
            date(STARTED, item.started());
            date(FINISHED, item.finished());
            stage(g, STARTED_IN, item.startedIn(), stageNames);
            stage(g, FINISHED_IN, item.finishedIn(), stageNames);
            g.writeFieldName(CYCLE_DAYS);
            nullable(g, item.cycleTimeDays());
            g.writeFieldName(AGE_DAYS);
            nullable(g, item.ageDays());
            g.writeFieldName(FLOW_EFFICIENCY);
            if (item.flowEfficiency() == null) {
                g.writeNull();
            } else {
                g.writeNumber(item.flowEfficiency().doubleValue());
            }
            g.writeFieldName(TIME_IN_STAGE);
            g.writeStartObject();
            Report.StageTimes times = item.timeInStage();
            for (int s = 0; s < times.size(); s++) {
                long millis = times.millis(s);
                if (millis > 0) {
                    g.writeFieldName(stageFields[s]);
                    seconds(g, millis, scratch);
                }
            }
            g.writeEndObject();
            if (item.blockedMillis() != null) { // started items only
                g.writeFieldName(BLOCKED_SECONDS);
                seconds(g, item.blockedMillis(), scratch);
            }
            g.writeFieldName(BLOCKED_NOW);
            g.writeBoolean(item.blockedNow());
            if (calendar) {
                g.writeFieldName(CYCLE_WORKING);
                nullable(g, item.cycleTimeWorkingDays());
                g.writeFieldName(AGE_WORKING);
                nullable(g, item.ageWorkingDays());
            }
            g.writeEndObject();
        }

        private void date(SerializableString field, LocalDate date) throws IOException {
            g.writeFieldName(field);
            if (date == null) {
                g.writeNull();
            } else if (!spell(date, scratch)) {
                g.writeString(date.toString());
            } else {
                g.writeString(scratch, 0, DATE_CHARS);
            }
        }
    }

    private static void nullable(JsonGenerator g, Integer value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void daily(Report r, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("daily");
        for (Report.Day day : r.daily()) {
            g.writeStartObject();
            g.writeStringField("date", day.date().toString());
            g.writeNumberField("arrivals", day.arrivals());
            g.writeNumberField("throughput", day.throughput());
            g.writeNumberField("wip", day.wip());
            g.writeArrayFieldStart("cfd");
            for (int band : day.cfd()) {
                g.writeNumber(band);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void cycleTime(Report.CycleTime c, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("cycleTime");
        g.writeNumberField("count", c.count());
        percentiles(g, "percentiles", c.percentiles());
        nullableNumber(g, "min", c.min());
        nullableNumber(g, "max", c.max());
        nullableNumber(g, "mean", c.mean());
        if (c.workingDayPercentiles() != null) {
            g.writeObjectFieldStart("workingDays");
            percentiles(g, "percentiles", c.workingDayPercentiles());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void sle(Report.SleAttainment s, JsonGenerator g) throws IOException {
        if (s == null) {
            return;
        }
        g.writeObjectFieldStart("sle");
        g.writeNumberField("days", s.days());
        nullableNumber(g, "targetPercentile", s.targetPercentile());
        g.writeNumberField("finished", s.finished());
        g.writeNumberField("withinSle", s.withinSle());
        nullableNumber(g, "attained", s.attained());
        if (s.met() == null) {
            g.writeNullField("met");
        } else {
            g.writeBooleanField("met", s.met());
        }
        g.writeNumberField("agingBeyondSle", s.agingBeyondSle());
        g.writeEndObject();
    }

    private static void aging(Aging a, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("aging");
        g.writeArrayFieldStart("items");
        for (AgingItem item : a.items()) {
            g.writeStartObject();
            g.writeStringField("id", item.id());
            g.writeStringField("type", item.type());
            g.writeStringField("stage", item.stage());
            g.writeNumberField("ageDays", item.ageDays());
            if (item.beyondSle() != null) {
                g.writeBooleanField("beyondSle", item.beyondSle());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("pace");
        for (StagePace pace : a.pace()) {
            g.writeStartObject();
            g.writeStringField("stage", pace.stage());
            g.writeNumberField("count", pace.count());
            percentiles(g, "percentiles", pace.percentiles());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void dataQuality(DataQuality q, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("dataQuality");
        g.writeObjectFieldStart("counts");
        for (Map.Entry<Finding.Kind, Integer> e : q.counts().entrySet()) {
            g.writeNumberField(e.getKey().jsonName(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("items");
        for (ItemFindings item : q.items()) {
            g.writeStartObject();
            g.writeStringField("id", item.id());
            g.writeArrayFieldStart("findings");
            for (Finding f : item.findings()) {
                g.writeStartObject();
                g.writeStringField("kind", f.kind().jsonName());
                g.writeNumberField("count", f.count());
                g.writeStringField("detail", f.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void forecasts(Report.Forecasts f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("forecast");
        g.writeObjectFieldStart("samplingWindow");
        g.writeStringField("from", f.samplingFrom().toString());
        g.writeStringField("to", f.samplingTo().toString());
        g.writeEndObject();
        forecastPair(f.howMany(), f.when(), f.whenDates(), g);
        if (f.workingDays() != null) {
            g.writeObjectFieldStart("workingDays");
            forecastPair(f.workingDays().howMany(), f.workingDays().when(), f.workingDays().whenDates(), g);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void forecastPair(Forecast howMany, Forecast when, Map<Integer, LocalDate> whenDates,
                                     JsonGenerator g) throws IOException {
        if (howMany != null) {
            g.writeObjectFieldStart("howMany");
            g.writeNumberField("days", howMany.target());
            forecastBody(howMany, null, g);
            g.writeEndObject();
        }
        if (when != null) {
            g.writeObjectFieldStart("when");
            g.writeNumberField("items", when.target());
            forecastBody(when, whenDates, g);
            g.writeEndObject();
        }
    }

    private static void forecastBody(Forecast f, Map<Integer, LocalDate> dates, JsonGenerator g) throws IOException {
        g.writeNumberField("trials", f.trials());
        g.writeNumberField("seed", f.seed());
        g.writeBooleanField("available", f.available());
        if (!f.available()) {
            g.writeStringField("reason", f.reason());
            return;
        }
        percentiles(g, "percentiles", f.percentiles());
        if (dates != null) {
            g.writeObjectFieldStart("dates");
            for (Map.Entry<Integer, LocalDate> e : dates.entrySet()) {
                date(g, Integer.toString(e.getKey()), e.getValue());
            }
            g.writeEndObject();
        }
        if (f.kind() == Forecast.Kind.WHEN) {
            g.writeNumberField("horizonDays", io.flowtrack.metrics.forecast.MonteCarlo.HORIZON_DAYS);
            g.writeNumberField("beyondHorizon", f.beyondHorizon());
        }
        g.writeArrayFieldStart("distribution");
        for (Forecast.Bucket b : f.distribution()) {
            g.writeStartObject();
            g.writeNumberField("value", b.value());
            g.writeNumberField("trials", b.trials());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void percentiles(JsonGenerator g, String field, Map<Integer, Integer> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<Integer, Integer> e : values.entrySet()) {
            nullableNumber(g, Integer.toString(e.getKey()), e.getValue());
        }
        g.writeEndObject();
    }

    /** Milliseconds as seconds with up to three decimals (12345.6), without going through a double. */
    static void seconds(JsonGenerator g, long millis) throws IOException {
        seconds(g, millis, new char[SECONDS_CHARS]);
    }

    /** As {@link #seconds(JsonGenerator, long)}, spelled in {@code text} (the generator copies it). */
    private static void seconds(JsonGenerator g, long millis, char[] text) throws IOException {
        long whole = millis / 1000;
        int fraction = (int) (millis % 1000);
        if (fraction == 0) {
            g.writeNumber(whole);
            return;
        }
        int end = text.length;
        int digits = 3;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        for (int i = 0; i < digits; i++) {
            text[--end] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        text[--end] = '.';
        do {
            text[--end] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        g.writeNumber(text, end, text.length - end);
    }

    private static void date(JsonGenerator g, String field, LocalDate date) throws IOException {
        if (date == null) {
            g.writeNullField(field);
            return;
        }
        char[] text = new char[DATE_CHARS];
        if (!spell(date, text)) {
            g.writeStringField(field, date.toString());
            return;
        }
        g.writeFieldName(field);
        g.writeString(text, 0, text.length);
    }

    /**
     * Spells yyyy-MM-dd into the first ten chars of {@code text} without making a string (a report of a
     * million items writes three million dates); false, with nothing written, for years beyond 0–9999.
     */
    private static boolean spell(LocalDate date, char[] text) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        text[0] = (char) ('0' + year / 1000);
        text[1] = (char) ('0' + year / 100 % 10);
        text[2] = (char) ('0' + year / 10 % 10);
        text[3] = (char) ('0' + year % 10);
        text[4] = '-';
        text[5] = (char) ('0' + month / 10);
        text[6] = (char) ('0' + month % 10);
        text[7] = '-';
        text[8] = (char) ('0' + day / 10);
        text[9] = (char) ('0' + day % 10);
        return true;
    }

    /** A stage name, or null; names of the workflow's stages go out pre-encoded. */
    private static void stage(JsonGenerator g, SerializableString field, String name,
                              Map<String, SerializableString> encoded) throws IOException {
        g.writeFieldName(field);
        SerializableString known = name == null ? null : encoded.get(name);
        if (name == null) {
            g.writeNull();
        } else if (known != null) {
            g.writeString(known);
        } else {
            g.writeString(name);
        }
    }

    private static void nullableNumber(JsonGenerator g, String field, Number value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else if (value instanceof Double d) {
            g.writeNumberField(field, d);
        } else {
            g.writeNumberField(field, value.intValue());
        }
    }
}
