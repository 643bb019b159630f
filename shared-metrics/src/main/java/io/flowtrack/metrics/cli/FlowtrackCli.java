package io.flowtrack.metrics.cli;

import io.flowtrack.metrics.forecast.MonteCarlo;
import io.flowtrack.metrics.generate.HistoryGenerator;
import io.flowtrack.metrics.io.HistoryReader;
import io.flowtrack.metrics.io.HistoryWriter;
import io.flowtrack.metrics.io.Instants;
import io.flowtrack.metrics.io.ReportWriter;
import io.flowtrack.metrics.model.InvalidHistoryException;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.report.FlowEngine;
import io.flowtrack.metrics.report.ForecastRequest;
import io.flowtrack.metrics.report.Report;
import io.flowtrack.metrics.report.ReportRequest;
import io.flowtrack.metrics.report.ReportSession;
import io.flowtrack.metrics.timeline.DayClock;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.flowtrack.metrics.calendar.WorkingCalendar;

/**
 * The {@code flowtrack} command line: {@code report} (history-format.md, "The command line") and
 * {@code generate}. Exit 0 on success; 2 with the reason on standard error, and nothing on standard
 * output, for bad input; 1 when a file cannot be read or written.
 */
@Command(name = "flowtrack", mixinStandardHelpOptions = true, version = "flowtrack 0.1.0",
        description = "Flow metrics from a flowtrack-history/1 file.",
        subcommands = {FlowtrackCli.ReportCommand.class, FlowtrackCli.GenerateCommand.class})
public final class FlowtrackCli implements Runnable {
    /** Exit code for bad input: the reason is on standard error, nothing is on standard output. */
    public static final int BAD_INPUT = 2;
    /** Exit code when a file cannot be read or written. */
    public static final int IO_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args, new FileOutputStream(FileDescriptor.out), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests too). */
    public static int run(String[] args, OutputStream stdout, PrintWriter stderr) {
        CommandLine cli = new CommandLine(new FlowtrackCli());
        cli.setErr(stderr);
        cli.setOut(new PrintWriter(stdout, true));
        cli.setExitCodeExceptionMapper(e -> e instanceof IOException ? IO_ERROR : BAD_INPUT);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof BadInput || e instanceof InvalidHistoryException || e instanceof IllegalArgumentException) {
                stderr.println("flowtrack: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof IOException) {
                stderr.println("flowtrack: " + e.getMessage());
                return IO_ERROR;
            }
            throw e;
        });
        for (CommandLine sub : cli.getSubcommands().values()) {
            ((Subcommand) sub.getCommand()).stdout = stdout;
        }
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: report or generate");
    }

    /** A problem with what the user gave: exit 2. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    abstract static class Subcommand implements Callable<Integer> {
        OutputStream stdout;
    }

    @Command(name = "report", description = "Print a flowtrack-report/1 for a history file.",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class ReportCommand extends Subcommand {
        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "The flowtrack-history/1 file; - reads standard input.")
        String input;

        @Option(names = "--as-of", paramLabel = "INSTANT|DATE",
                description = "The moment to report for; a DATE is the end of that day in the history's time zone."
                        + " Default: now.")
        String asOf;

        @Option(names = "--from", paramLabel = "DATE",
                description = "First day of the window. Default: the day the earliest reported item was created.")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last day of the window. Default: the day of as-of.")
        String to;

        @Option(names = "--start-policy", paramLabel = "first|last", defaultValue = "first",
                description = "When a re-committed item counts as started. Default: ${DEFAULT-VALUE}.")
        String startPolicy;

        @Option(names = "--forecast-days", paramLabel = "N", description = "Forecast how many items in N days.")
        Integer forecastDays;

        @Option(names = "--forecast-items", paramLabel = "N", description = "Forecast when N items will be done.")
        Integer forecastItems;

        @Option(names = "--trials", paramLabel = "N", description = "Monte Carlo trials. Default: 10000.")
        Integer trials;

        @Option(names = "--seed", paramLabel = "N", description = "Seed for repeatable forecasts.")
        Long seed;

        @Option(names = "--percentiles", paramLabel = "K,K,...", split = ",",
                description = "Cycle-time and pace percentiles. Default: 50,70,85,95.")
        List<Integer> percentiles;

        @Option(names = "--confidences", paramLabel = "C,C,...", split = ",",
                description = "Forecast confidence levels in percent. Default: 50,70,85,95.")
        List<Integer> confidences;

        @Option(names = "--sle-days", paramLabel = "N", description = "Service-level expectation in days.")
        Integer sleDays;

        @Option(names = "--sle-percentile", paramLabel = "K", description = "Share of items the SLE aims for (%%).")
        Integer slePercentile;

        @Option(names = "--types", paramLabel = "TYPE,TYPE,...", split = ",",
                description = "Report only these work item types.")
        List<String> types;

        @Option(names = "--working-days", paramLabel = "MON-FRI|MON,TUE,...",
                description = "Working weekdays: adds working-day cycle time, age, percentiles and forecasts.")
        String workingDays;

        @Option(names = "--holidays", paramLabel = "DATE,DATE,...",
                description = "Non-working dates of the working calendar (needs --working-days).")
        String holidays;

        @Option(names = "--ignore-unmapped-states",
                description = "Skip states no stage maps and list them as data-quality findings instead of failing.")
        boolean ignoreUnmapped;

        @Option(names = "--compact", description = "Write the report on one line instead of indented.")
        boolean compact;

        @Option(names = "--timings", description = "Print how long reading, computing and writing took to stderr.")
        boolean timings;

        @Override
        public Integer call() throws IOException {
            StartPolicy policy = StartPolicy.fromJsonName(startPolicy).orElseThrow(
                    () -> new BadInput("--start-policy: '" + startPolicy + "' is not first or last"));
            LocalDate fromDate = date("--from", from);
            LocalDate toDate = date("--to", to);
            if (slePercentile != null && sleDays == null) {
                throw new BadInput("--sle-percentile needs --sle-days");
            }
            if (trials != null && forecastDays == null && forecastItems == null) {
                throw new BadInput("--trials needs --forecast-days or --forecast-items");
            }
            ForecastRequest forecast = null;
            if (forecastDays != null || forecastItems != null) {
                forecast = new ForecastRequest(forecastDays, forecastItems,
                        trials == null ? MonteCarlo.DEFAULT_TRIALS : trials, seed, null, null, confidences);
            }
            WorkingCalendar calendar = calendar();
            ReportRequest.Builder request = ReportRequest.builder().from(fromDate).to(toDate).calendar(calendar)
                    .startPolicy(policy).percentiles(percentiles)
                    .sle(sleDays == null ? null : new ReportRequest.Sle(sleDays, slePercentile))
                    .types(types == null ? Set.of() : new LinkedHashSet<>(types)).forecast(forecast);
            request.asOf(Instant.EPOCH).build(); // bad options fail here, before a large file is read
            // The history streams through the engine: each item is walked as it is read, then dropped.
            long t0 = System.nanoTime();
            ReportSession[] session = new ReportSession[1];
            List<HandOff<WorkItem>> handOff = new ArrayList<>(1);
            HistoryReader reader = ignoreUnmapped ? HistoryReader.ignoringUnmappedStates() : HistoryReader.strict();
            try (InputStream in = open()) {
                reader.stream(in, header -> {
                    session[0] = FlowEngine.session(header.workflow(), header.timeZone(), header.source(),
                            header.ignoreUnmappedStates(), request.asOf(asOf(header.timeZone())).build());
                    handOff.add(new HandOff<>(session[0], "flowtrack-engine"));
                    return handOff.get(0);
                });
                handOff.get(0).finish();
            } finally {
                handOff.forEach(HandOff::abort);
            }
            long t1 = System.nanoTime();
            Report report = session[0].finish();
            long t2 = System.nanoTime();
            OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
            ReportWriter.write(report, out, !compact);
            out.write('\n');
            out.flush();
            long t3 = System.nanoTime();
            if (timings) {
                System.err.printf("flowtrack timings: read and walk %d ms, compose %d ms, write %d ms (%d items)%n",
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, report.items().size());
            }
            return 0;
        }

        private WorkingCalendar calendar() {
            if (workingDays == null) {
                if (holidays != null) {
                    throw new BadInput("--holidays needs --working-days");
                }
                return null;
            }
            java.util.Set<java.time.DayOfWeek> days;
            try {
                days = WorkingCalendar.parseWorkingDays(workingDays);
            } catch (IllegalArgumentException e) {
                throw new BadInput("--working-days: " + e.getMessage());
            }
            try {
                return new WorkingCalendar(days, WorkingCalendar.parseHolidays(holidays));
            } catch (IllegalArgumentException e) {
                throw new BadInput("--holidays: " + e.getMessage());
            }
        }

        private InputStream open() throws IOException {
            if ("-".equals(input)) {
                return System.in;
            }
            try {
                return Files.newInputStream(Path.of(input));
            } catch (NoSuchFileException e) {
                throw new BadInput("--input: no such file: " + input);
            }
        }

        private Instant asOf(ZoneId zone) {
            if (asOf == null) {
                return Instant.now();
            }
            if (asOf.length() == 10) {
                return new DayClock(zone).endOfDay(date("--as-of", asOf));
            }
            try {
                return Instants.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new BadInput("--as-of: '" + asOf + "' is neither an ISO-8601 instant (2024-06-30T12:00:00Z)"
                        + " nor a date (2024-06-30)");
            }
        }
    }
    @Command(name = "generate", description = "Write a realistic synthetic flowtrack-history/1 to standard output.",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class GenerateCommand extends Subcommand {
        @Option(names = "--items", required = true, paramLabel = "N", description = "How many items.")
        int items;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--start", paramLabel = "DATE", defaultValue = "2024-01-01",
                description = "First day items are created. Default: ${DEFAULT-VALUE}.")
        String start;

        @Option(names = "--days", paramLabel = "N",
                description = "Days over which items are created. Default: about five items a day, 60 to 730 days.")
        Integer days;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Override
        public Integer call() throws IOException {
            if (items < 0 || items > 10_000_000) {
                throw new BadInput("--items: must be from 0 to 10000000, was " + items);
            }
            if (days != null && (days < 1 || days > 36_525)) {
                throw new BadInput("--days: must be from 1 to 36525, was " + days);
            }
            LocalDate startDate = date("--start", start);
            HistoryGenerator generator = new HistoryGenerator(seed, startDate,
                    days == null ? HistoryGenerator.defaultSpanDays(items) : days);
            OutputStream target = output == null ? stdout : Files.newOutputStream(output);
            try (OutputStream out = new BufferedOutputStream(target, 1 << 16)) {
                List<IOException> failure = new ArrayList<>(1);
                try (HistoryWriter writer = new HistoryWriter(out, "generated", ZoneOffset.UTC,
                        HistoryGenerator.workflow(), pretty)) {
                    generator.generate(items, item -> {
                        try {
                            if (failure.isEmpty()) {
                                writer.item(item);
                            }
                        } catch (IOException e) {
                            failure.add(e);
                        }
                    });
                }
                if (!failure.isEmpty()) {
                    throw failure.get(0);
                }
                out.write('\n');
            }
            return 0;
        }
    }

    static LocalDate date(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadInput(option + ": '" + text + "' is not a date such as 2024-06-30");
        }
    }
}
