package io.flowtrack.azdo.extract;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How every call to Azure DevOps (and to the Entra token endpoint) copes with throttling and failures.
 * One instance per client (per organization and identity): it remembers when the next call may go out.
 *
 * <ul>
 *   <li>429, 408 and 5xx: retried, at most {@link Settings#maxAttempts()} attempts in all, waiting
 *       {@code Retry-After} when the response has one, otherwise a jittered exponential backoff
 *       ({@code d = min(maxDelay, baseDelay·2^(n-1))}, wait uniformly in {@code [d/2, d]}).</li>
 *   <li>{@code Retry-After} on any other response, a 200 included, is honoured by the <em>next</em> call.</li>
 *   <li>{@code X-RateLimit-Delay} (the server already delayed us) makes the next call wait as long again;
 *       {@code X-RateLimit-Remaining} below {@link Settings#lowRemainingFraction()} of
 *       {@code X-RateLimit-Limit} spreads the remaining budget until {@code X-RateLimit-Reset}.</li>
 *   <li>A dropped connection, a timeout, or a 2xx body that does not parse: retried too; bodies that do
 *       not parse at most {@link Settings#maxMalformedAttempts()} times, then
 *       {@link MalformedResponseException}.</li>
 *   <li>401, 403, and 203 or an HTML page instead of JSON (Azure DevOps' sign-in redirect):
 *       {@link CredentialRejectedException} at once, never retried.</li>
 *   <li>Any other status: {@link AzdoException} at once.</li>
 * </ul>
 *
 * Waiting goes through an injected {@link Sleeper} and {@link Clock}, so tests run instantly and can
 * assert every wait that was asked for. Thread-safe.
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** Sleeps; tests record instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt: sends the request and reads the whole body. */
    @FunctionalInterface
    public interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException, AzdoException;
    }

    /** Turns a 2xx body into a value; throws {@link IOException} when the body is not what was expected. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String body) throws IOException;
    }

    /**
     * @param maxAttempts          attempts per call in all (first try included), at least 1
     * @param maxMalformedAttempts of those, how many may end with a body that does not parse
     * @param baseDelay            first backoff step
     * @param maxDelay             backoff cap
     * @param maxWait              the longest single wait any header can ask for (guards against absurd values)
     * @param lowRemainingFraction below this share of X-RateLimit-Limit, calls are spread until the reset
     * @param slowDown             the pause used when the budget is low and no X-RateLimit-Reset was sent
     */
    public record Settings(int maxAttempts, int maxMalformedAttempts, Duration baseDelay, Duration maxDelay,
                           Duration maxWait, double lowRemainingFraction, Duration slowDown) {
        public Settings {
            if (maxAttempts < 1 || maxMalformedAttempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(maxWait, "maxWait");
            Objects.requireNonNull(slowDown, "slowDown");
        }

        public static Settings defaults() {
            return new Settings(6, 3, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5), 0.2,
                    Duration.ofSeconds(1));
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private Instant notBefore = Instant.MIN;

    /**
     * @param jitter values in [0, 1): where in [d/2, d] each backoff falls
     */
    public RetryPolicy(Settings settings, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /** Real time, real sleeping, default settings. */
    public static RetryPolicy standard() {
        return standard(Settings.defaults());
    }

    /** Real time, real sleeping, these settings. */
    public static RetryPolicy standard(Settings settings) {
        return new RetryPolicy(settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Runs a call under this policy.
     *
     * @param operation a short name for messages and logs ("revisions", "states of Bug"); no secrets
     */
    public <T> T execute(String operation, Call call, Parser<T> parser) throws AzdoException, InterruptedException {
        int attempts = 0;
        int malformed = 0;
        int failures = 0;
        String lastProblem = null;
        Throwable lastCause = null;
        while (true) {
            awaitTurn();
            attempts++;
            HttpResponse<String> response;
            try {
                response = call.send();
            } catch (IOException e) {
                failures++;
                lastCause = e;
                lastProblem = "connection failed (" + e.getClass().getSimpleName() + ")";
                if (attempts >= settings.maxAttempts()) {
                    throw new AzdoException(operation + ": " + lastProblem + "; gave up after " + attempts
                            + " attempts", -1, e);
                }
                Duration wait = backoff(failures);
                LOG.info("{}: {}, retrying in {} ms (attempt {} of {})", operation, lastProblem, wait.toMillis(),
                        attempts, settings.maxAttempts());
                pushNotBefore(wait);
                continue;
            }
            int status = response.statusCode();
            Optional<Duration> retryAfter = observeRateLimitHeaders(response);
            if (status == 401 || status == 403) {
                throw new CredentialRejectedException(operation + ": Azure DevOps rejected the credential (HTTP "
                        + status + "); it may be revoked, expired or lack permission", status);
            }
            if (status == 203 || (status / 100 == 2 && isHtml(response))) {
                throw new CredentialRejectedException(operation + ": Azure DevOps answered with a sign-in page (HTTP "
                        + status + ") instead of JSON; the credential was not accepted", status);
            }
            if (status / 100 == 2) {
                try {
                    return parser.parse(response.body() == null ? "" : response.body());
                } catch (IOException e) {
                    malformed++;
                    failures++;
                    lastCause = e;
                    lastProblem = "malformed response body";
                    if (malformed >= settings.maxMalformedAttempts() || attempts >= settings.maxAttempts()) {
                        throw new MalformedResponseException(operation + ": the response body was not the JSON"
                                + " expected (" + e.getClass().getSimpleName() + "); gave up after " + attempts
                                + " attempts", status, e);
                    }
                    Duration wait = backoff(failures);
                    LOG.info("{}: malformed body, retrying in {} ms (attempt {} of {})", operation, wait.toMillis(),
                            attempts, settings.maxAttempts());
                    pushNotBefore(wait);
                    continue;
                }
            }
            if (status == 429 || status == 408 || status / 100 == 5) {
                failures++;
                lastProblem = "HTTP " + status;
                if (attempts >= settings.maxAttempts()) {
                    throw new AzdoException(operation + ": " + lastProblem + "; gave up after " + attempts
                            + " attempts", status, lastCause);
                }
                Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(failures);
                LOG.info("{}: HTTP {}, retrying in {} ms (attempt {} of {})", operation, status, wait.toMillis(),
                        attempts, settings.maxAttempts());
                pushNotBefore(wait);
                continue;
            }
            throw new AzdoException(operation + ": unexpected HTTP " + status, status);
        }
    }

    /** The jittered exponential backoff after the n-th failure (1-based). */
    Duration backoff(int failure) {
        long base = settings.baseDelay().toMillis();
        long cap = settings.maxDelay().toMillis();
        long d = cap;
        if (failure - 1 < 31) {
            d = Math.min(cap, base * (1L << (failure - 1)));
        }
        double j = Math.max(0, Math.min(1, jitter.getAsDouble()));
        return Duration.ofMillis(d / 2 + Math.round(j * (d - d / 2)));
    }

    /** Reads the throttling headers, moves {@code notBefore}; returns Retry-After when present. */
    private Optional<Duration> observeRateLimitHeaders(HttpResponse<?> response) {
        Instant now = clock.instant();
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(v -> parseRetryAfter(v, now)).map(this::capped);
        retryAfter.ifPresent(d -> {
            if (response.statusCode() / 100 == 2) {
                LOG.info("Retry-After {} s on HTTP {}: slowing down", d.toSeconds(), response.statusCode());
            }
            pushNotBefore(d);
        });
        response.headers().firstValue("X-RateLimit-Delay").flatMap(RetryPolicy::parseSeconds)
                .map(this::capped).ifPresent(this::pushNotBefore);
        Optional<Double> remaining = response.headers().firstValue("X-RateLimit-Remaining")
                .flatMap(RetryPolicy::parseNumber);
        Optional<Double> limit = response.headers().firstValue("X-RateLimit-Limit").flatMap(RetryPolicy::parseNumber);
        if (remaining.isPresent() && limit.isPresent() && limit.get() > 0
                && remaining.get() < limit.get() * settings.lowRemainingFraction()) {
            Optional<Instant> reset = response.headers().firstValue("X-RateLimit-Reset")
                    .flatMap(RetryPolicy::parseNumber).map(s -> Instant.ofEpochSecond(s.longValue()));
            Duration pause = settings.slowDown();
            if (reset.isPresent() && reset.get().isAfter(now)) {
                long spread = Duration.between(now, reset.get()).toMillis() / Math.max(1, remaining.get().longValue());
                pause = Duration.ofMillis(spread);
            }
            pushNotBefore(capped(pause));
        }
        return retryAfter;
    }

    private Duration capped(Duration d) {
        return d.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : d;
    }

    private synchronized void pushNotBefore(Duration wait) {
        Instant candidate = clock.instant().plus(wait);
        if (candidate.isAfter(notBefore)) {
            notBefore = candidate;
        }
    }

    private void awaitTurn() throws InterruptedException {
        Instant until;
        synchronized (this) {
            until = notBefore;
        }
        Duration wait = Duration.between(clock.instant(), until.equals(Instant.MIN) ? clock.instant() : until);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    private static boolean isHtml(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type")
                .map(v -> v.toLowerCase(Locale.ROOT).contains("html")).orElse(false);
    }

    /** Retry-After: delay-seconds or an HTTP-date. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        Optional<Duration> seconds = parseSeconds(value);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseSeconds(String value) {
        return parseNumber(value).filter(s -> s >= 0).map(s -> Duration.ofMillis(Math.round(s * 1000)));
    }

    private static Optional<Double> parseNumber(String value) {
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
