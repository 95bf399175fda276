#include "gleifclient.h"

#include "gleiflog.h"
#include "lei.h"
#include "ratelimiter.h"
#include "retryafter.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <algorithm>
#include <optional>

using namespace std::chrono;
using Clock = steady_clock;

struct GleifClient::Failure
{
    enum class Kind {
        Retryable, // 429, 5xx, timeout, dropped connection: same request again later
        Unreachable, // nobody answers at all: retry, then give up on everything queued
        Permanent, // 400, 404...: asking again gets the same answer
        Malformed, // an answer that cannot be read: narrow it down by splitting
        UrlTooLong, // 414/431: fewer LEIs per request
        Fatal, // TLS failure, proxy credentials refused: every request would meet it, at once
        Refused, // an answer the client will not take (too large, redirected away): not retried
    };
    Kind kind = Kind::Retryable;
    QString reason;
    std::optional<milliseconds> retryAfter;
    bool tooManyRequests = false;
};

namespace {

// A split half has already been asked for as part of its parent, with all the parent's
// attempts; two more are enough to tell a bad LEI from bad luck without stalling the run.
constexpr int attemptsAfterSplit = 2;
// 429s waited out per batch (about ten minutes at a window each) before its LEIs fail.
constexpr int maxRefusals = 10;
// A Retry-After longer than this is not waited for: the LEIs fail and say why.
constexpr std::chrono::minutes longestWait{10};
// How far QNetworkAccessManager may read a lookup answer ahead of us (it buffers without limit
// otherwise); the answer itself is bounded by GleifSettings::maxAnswerBytes.
constexpr qint64 readAheadBytes = 1024 * 1024;

// With no good answer from anywhere for this many failed answers in a row GLEIF is down, not
// one batch unlucky: stop rather than split every batch down to single LEIs.
int failuresBeforeGivingUp(const GleifSettings &s)
{
    return std::max(8, 4 * s.maxAttempts);
}

QString secondsText(milliseconds ms)
{
    if (ms.count() % 1000 == 0)
        return QString::number(ms.count() / 1000);
    return QString::number(double(ms.count()) / 1000.0, 'g', 3);
}

// "HTTP 400: Invalid filter" from a JSON:API errors array, or just "HTTP 400".
QString httpReason(int status, const QByteArray &body)
{
    QString text = QStringLiteral("HTTP ") + QString::number(status);
    const QJsonArray errors = QJsonDocument::fromJson(body).object().value(u"errors").toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        QString detail = first.value(u"detail").toString();
        if (detail.isEmpty())
            detail = first.value(u"title").toString();
        if (!detail.isEmpty())
            text += QStringLiteral(": ") + detail;
    }
    return text;
}

QString bytesText(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return QString::number(double(bytes) / (1024.0 * 1024.0), 'g', 3) + QStringLiteral(" MB");
    return QString::number(bytes) + QStringLiteral(" bytes");
}

QString tooLargeReason(qint64 cap)
{
    return GleifClient::tr("answer larger than %1 (refused)").arg(bytesText(cap));
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &u) {
        return u.scheme().compare(u"https", Qt::CaseInsensitive) == 0 ? 443 : 80;
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

QString originText(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                        | QUrl::RemoveFragment)
        .toDisplayString();
}

QString shortList(const QStringList &leis)
{
    if (leis.size() <= 3)
        return leis.join(u',');
    return leis.first() + QStringLiteral(",... (") + QString::number(leis.size())
        + QStringLiteral(" LEIs)");
}

} // namespace

GleifClient::GleifClient(QObject *parent)
    : GleifClient(GleifSettings(), parent)
{ }

GleifClient::GleifClient(const GleifSettings &settings, QObject *parent)
    : QObject(parent)
    , m_limiter(RateLimiter::processWide())
    , m_nam(new QNetworkAccessManager(this))
{
    // A coarse timer may fire 5 % early, which would break a Retry-After or the rolling window.
    m_wakeUp.setTimerType(Qt::PreciseTimer);
    m_wakeUp.setSingleShot(true);
    connect(&m_wakeUp, &QTimer::timeout, this, &GleifClient::dispatch);
    NetworkConfig::attach(m_nam);
    setSettings(settings);
}

GleifClient::~GleifClient()
{
    cancel();
}

void GleifClient::setSettings(const GleifSettings &settings)
{
    m_settings = settings;
    m_settings.batchSize = std::clamp(m_settings.batchSize, 1, GleifSettings::maxBatchSize);
    m_settings.concurrency = std::max(m_settings.concurrency, 1);
    m_settings.maxAttempts = std::max(m_settings.maxAttempts, 1);
    m_settings.requestsPerMinute = std::max(m_settings.requestsPerMinute, 1);
    m_settings.maxAnswerBytes = std::max<qint64>(m_settings.maxAnswerBytes, 1024);
    m_limiter->configure(m_settings.requestsPerMinute, m_settings.window);
    m_network = NetworkConfig::setUp(m_nam, m_settings);
}

void GleifClient::setRateLimiter(std::shared_ptr<RateLimiter> limiter)
{
    m_limiter = limiter ? std::move(limiter) : RateLimiter::processWide();
}

void GleifClient::startRun()
{
    if (m_running)
        return;
    m_running = true;
    m_seen.clear();
    m_counters = {};
    m_urlBatchLimit = GleifSettings::maxBatchSize;
    m_failuresInARow = 0;
    m_gaveUp = m_network.error; // a CA bundle that cannot be used: every LEI fails, unsent
    m_holdUntil = {};
}

void GleifClient::fetchResources(const QVector<QPair<QString, QString>> &requests)
{
    startRun();
    for (const auto &[raw, resource] : requests) {
        const QString lei = Lei::normalise(raw);
        const QString key = lei + u'/' + resource; // never an LEI of lookup()
        if ((lei.isEmpty() && !raw.isNull()) || resource.isEmpty() || m_seen.contains(key))
            continue;
        m_seen.insert(key);
        Batch batch;
        batch.leis = QStringList { lei };
        batch.pending = QSet<QString> { lei };
        batch.resource = resource;
        batch.maxAttempts = m_settings.maxAttempts;
        m_unsentResources.append(std::move(batch));
    }
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation || !m_running)
                return;
            if (!m_gaveUp.isEmpty())
                failEverythingQueued(m_gaveUp);
            dispatch();
        },
        Qt::QueuedConnection);
}

void GleifClient::fetchPaths(const QStringList &paths)
{
    // A resource with no LEI: send() puts it under the base instead of under lei-records/{LEI}.
    QVector<QPair<QString, QString>> requests;
    for (const QString &path : paths)
        requests.append({QString(), path});
    fetchResources(requests);
}

void GleifClient::lookup(const QStringList &leis)
{
    startRun();
    for (const QString &raw : leis) {
        const QString lei = Lei::normalise(raw);
        if (lei.isEmpty() || m_seen.contains(lei))
            continue;
        m_seen.insert(lei);
        if (m_gaveUp.isEmpty())
            m_unbatched.append(lei);
        else
            m_lateFailures.append(lei);
    }
    // Deferred, so that a caller connecting after lookup() misses nothing, and so that an empty
    // run still finishes through the event loop like any other.
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation || !m_running)
                return;
            if (!m_lateFailures.isEmpty())
                fail(std::exchange(m_lateFailures, {}), m_gaveUp);
            dispatch();
        },
        Qt::QueuedConnection);
}

void GleifClient::cancel()
{
    // Pages that arrived but are still being parsed are answers received: report them now,
    // before cancel() returns, so nothing that reached us is lost. Nothing else is decided
    // while doing so: a page that cannot be read is no failure to retry, its LEIs stay
    // pending, and the next pages handlePage() queues are dropped below.
    const auto parses = std::exchange(m_parses, {});
    for (auto it = parses.cbegin(); it != parses.cend(); ++it) {
        it.key()->waitForFinished();
        ParsedPage parsed = it.key()->result();
        if (m_running && parsed.error.isEmpty())
            handlePage(it.value(), std::move(parsed));
    }
    m_running = false;
    ++m_generation;
    m_wakeUp.stop();
    m_queue.clear();
    m_unbatched.clear();
    m_unsentResources.clear();
    m_lateFailures.clear();
    const auto flights = std::exchange(m_flights, {});
    for (auto it = flights.cbegin(); it != flights.cend(); ++it) {
        QNetworkReply *reply = it.key();
        // Disconnected first: abort() finishes the reply synchronously and nothing may reach us.
        disconnect(reply, nullptr, this, nullptr);
        if (!it->released)
            m_limiter->release(it->ticket);
        reply->abort();
        reply->deleteLater();
    }
    if (!flights.isEmpty())
        qCInfo(lcGleif) << "cancelled with" << flights.size() << "requests in flight";
}

int GleifClient::effectiveBatchSize() const
{
    return std::clamp(
        std::min(m_settings.batchSize, m_urlBatchLimit), 1, GleifSettings::maxBatchSize);
}

milliseconds GleifClient::rateLimitWait() const
{
    if (!m_running)
        return milliseconds(0);
    return std::max(milliseconds(0), ceil<milliseconds>(m_waitingUntil - Clock::now()));
}

void GleifClient::armWakeUp(milliseconds delay)
{
    const int ms = int(std::clamp<qint64>(delay.count(), 0, 24 * 3600 * 1000));
    if (!m_wakeUp.isActive() || m_wakeUp.remainingTime() > ms)
        m_wakeUp.start(ms);
}

void GleifClient::dispatch()
{
    if (!m_running)
        return;
    while (m_flights.size() < m_settings.concurrency) {
        const auto now = Clock::now();
        if (now < m_holdUntil) {
            armWakeUp(ceil<milliseconds>(m_holdUntil - now));
            m_waitingUntil = m_holdUntil;
            break;
        }
        const auto ready = std::find_if(
            m_queue.begin(), m_queue.end(), [&](const Batch &b) { return b.notBefore <= now; });
        if (ready == m_queue.end() && m_unbatched.isEmpty() && m_unsentResources.isEmpty())
            break;
        const RateLimiter::Grant grant = m_limiter->tryAcquire();
        if (!grant) {
            armWakeUp(grant.wait);
            m_waitingUntil = now + grant.wait;
            break;
        }
        m_waitingUntil = {};
        Batch batch;
        if (ready != m_queue.end()) {
            batch = *ready;
            m_queue.erase(ready);
            // Queued before a 414 lowered the limit: cut it now rather than collect another 414.
            if (batch.page == 1 && !batch.redirect && batch.leis.size() > effectiveBatchSize()) {
                const QStringList rest = batch.leis.mid(effectiveBatchSize());
                batch.leis = batch.leis.mid(0, effectiveBatchSize());
                batch.pending = QSet<QString>(batch.leis.cbegin(), batch.leis.cend());
                Batch later = batch;
                later.leis = rest;
                later.pending = QSet<QString>(rest.cbegin(), rest.cend());
                m_queue.prepend(std::move(later));
            }
        } else if (m_unbatched.isEmpty()) {
            batch = m_unsentResources.takeFirst();
        } else {
            const int n = std::min<int>(effectiveBatchSize(), m_unbatched.size());
            batch.leis = m_unbatched.mid(0, n);
            m_unbatched.remove(0, n);
            batch.pending = QSet<QString>(batch.leis.cbegin(), batch.leis.cend());
            batch.maxAttempts = m_settings.maxAttempts;
        }
        send(std::move(batch), grant.ticket);
    }

    // Batches waiting for their retry time need a wake-up of their own.
    const auto now = Clock::now();
    auto earliest = Clock::time_point::max();
    for (const Batch &b : std::as_const(m_queue)) {
        if (b.notBefore > now)
            earliest = std::min(earliest, b.notBefore);
    }
    if (earliest != Clock::time_point::max())
        armWakeUp(ceil<milliseconds>(earliest - now));
    finishIfDone();
}

void GleifClient::send(Batch batch, quint64 ticket)
{
    if (batch.redirect) { // a followed redirect that waited for its slot
        const Batch::Redirect redirect = *std::exchange(batch.redirect, std::nullopt);
        Flight flight;
        flight.batch = std::move(batch);
        flight.ticket = ticket;
        flight.url = redirect.origin;
        flight.deadline = redirect.deadline;
        flight.redirects = redirect.redirects;
        get(redirect.to, std::move(flight));
        return;
    }
    QUrl url = m_settings.baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/lei-records"));
    if (!batch.resource.isEmpty() && batch.leis.first().isEmpty()) { // fetchPaths()
        const qsizetype question = batch.resource.indexOf(u'?');
        url.setPath(path + u'/' + batch.resource.left(question));
        if (question >= 0)
            url.setQuery(batch.resource.mid(question + 1), QUrl::TolerantMode);
    } else if (!batch.resource.isEmpty()) {
        url.setPath(url.path() + u'/' + batch.leis.first() + u'/' + batch.resource);
    } else {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("filter[lei]"), batch.leis.join(u','));
        // Always explicit: GLEIF's default page of 15 silently moves the rest to page 2.
        query.addQueryItem(QStringLiteral("page[size]"), QString::number(batch.leis.size()));
        query.addQueryItem(QStringLiteral("page[number]"), QString::number(batch.page));
        url.setQuery(query);
    }

    if (batch.attempt > 0 || batch.refusals > 0)
        ++m_counters.retries;
    qCDebug(lcGleif) << "GET" << (batch.resource.isEmpty() ? QStringLiteral("page") : batch.resource)
                     << batch.page << "of" << shortList(batch.leis) << "attempt" << batch.attempt + 1;

    Flight flight;
    flight.batch = std::move(batch);
    flight.ticket = ticket;
    flight.url = url;
    flight.deadline = Clock::now() + m_settings.timeout;
    get(url, std::move(flight));
}

void GleifClient::get(const QUrl &url, Flight flight)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/vnd.api+json");
    request.setHeader(
        QNetworkRequest::UserAgentHeader, QByteArrayLiteral("LEI-Enricher/" LEI_VERSION));
    // Redirects are followed by onReplyFinished(), within the API's origin only. (Qt 6.4's own
    // following, even user-verified, repeated requests against a local server.)
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    NetworkConfig::prepare(request, m_network);

    ++m_counters.requestsSent;
    QNetworkReply *reply = m_nam->get(request);
    m_flights.insert(reply, std::move(flight));
    boundReply(reply);
    connect(reply, &QNetworkReply::sslErrors, this, [reply](const QList<QSslError> &errors) {
        reply->setProperty("tlsReason", errors.value(0).errorString()); // never ignored
    });
    // The window counts from the first sign of an answer: GLEIF saw the request by then.
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        const auto it = m_flights.find(reply);
        if (it != m_flights.end() && !it->released) {
            it->released = true;
            m_limiter->release(it->ticket);
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });
}

void GleifClient::boundReply(QNetworkReply *reply)
{
    reply->setReadBufferSize(readAheadBytes);

    // setTransferTimeout() only measures silence: a server trickling a byte a second would hold
    // the request forever. This deadline covers the whole request, connect to last byte.
    auto *deadline = new QTimer(reply); // goes with the reply
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, reply] {
        const auto it = m_flights.find(reply);
        if (it == m_flights.end())
            return;
        it->pastDeadline = true;
        reply->abort(); // finishes the reply: onReplyFinished() tells why
    });
    const auto left = ceil<milliseconds>(m_flights.find(reply)->deadline - Clock::now());
    deadline->start(std::max(left, milliseconds(0)));

    const qint64 cap = m_settings.maxAnswerBytes;
    const QString tooLarge = tooLargeReason(cap);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, cap, tooLarge] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > cap)
            refuse(reply, tooLarge); // announced: not a byte of it is read
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, cap, tooLarge] {
        const auto it = m_flights.find(reply);
        if (it == m_flights.end())
            return;
        if (it->body.size() + reply->bytesAvailable() > cap) {
            refuse(reply, tooLarge);
            return;
        }
        it->body += reply->readAll();
    });
}

void GleifClient::refuse(QNetworkReply *reply, const QString &reason)
{
    const auto it = m_flights.find(reply);
    if (it == m_flights.end())
        return;
    qCInfo(lcGleif) << "refusing an answer:" << reason;
    it->refusal = reason;
    it->body = {}; // nothing of it is kept
    reply->abort(); // finishes the reply: onReplyFinished() reports the refusal
}

void GleifClient::onReplyFinished(QNetworkReply *reply)
{
    const auto it = m_flights.find(reply);
    if (it == m_flights.end())
        return;
    Flight flight = std::move(*it);
    m_flights.erase(it);
    reply->deleteLater();
    if (!flight.released)
        m_limiter->release(flight.ticket);

    QByteArray body = std::move(flight.body);
    if (flight.refusal.isEmpty() && reply->isOpen()) { // closed: aborted
        if (body.size() + reply->bytesAvailable() > m_settings.maxAnswerBytes)
            flight.refusal = tooLargeReason(m_settings.maxAnswerBytes);
        else
            body += reply->readAll();
    }
    m_counters.bytesReceived += body.size();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();

    const QVariant location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute);
    if (flight.refusal.isEmpty() && !flight.pastDeadline && status >= 300 && status < 400
        && location.isValid()) {
        const QUrl to = reply->url().resolved(location.toUrl());
        if (!sameOrigin(flight.url, to)) {
            // Another host could answer anything for GLEIF, and it would be cached as GLEIF's.
            flight.refusal = tr("redirected to %1, another origin (refused)").arg(originText(to));
        } else if (flight.redirects >= GleifSettings::maxRedirects) {
            flight.refusal = tr("more than %1 redirects (refused)").arg(GleifSettings::maxRedirects);
        } else {
            qCDebug(lcGleif) << "following a redirect to" << to;
            ++flight.redirects;
            // The follow-up is a request of its own for GLEIF's limit: it needs a slot too.
            if (const RateLimiter::Grant grant = m_limiter->tryAcquire()) {
                flight.ticket = grant.ticket;
                flight.released = false;
                get(to, std::move(flight)); // same deadline
                Q_EMIT countersChanged();
            } else {
                Batch batch = std::move(flight.batch);
                batch.redirect = Batch::Redirect { to, flight.url, flight.deadline, flight.redirects };
                batch.notBefore = Clock::now() + grant.wait;
                m_queue.prepend(std::move(batch));
                dispatch();
            }
            return;
        }
    }

    Failure failure;
    bool good = false;
    if (!flight.refusal.isEmpty()) {
        failure.kind = Failure::Kind::Refused;
        failure.reason = flight.refusal;
    } else if (flight.pastDeadline) {
        failure.reason = tr("timeout (no complete answer in %1 s)").arg(secondsText(m_settings.timeout));
    } else if (error == QNetworkReply::SslHandshakeFailedError) {
        QString tls = reply->property("tlsReason").toString();
        if (tls.isEmpty())
            tls = reply->errorString();
        failure.kind = Failure::Kind::Fatal;
        failure.reason = tr("TLS: %1").arg(tls.left(1).toLower() + tls.mid(1));
    } else if (error == QNetworkReply::ProxyAuthenticationRequiredError) {
        failure.kind = Failure::Kind::Fatal;
        failure.reason = tr("proxy authentication required");
    } else if (status >= 200 && status < 300) {
        if (error == QNetworkReply::NoError) {
            good = true;
        } else {
            // The server had started answering: the answer itself is bad, like a truncated body.
            failure.kind = Failure::Kind::Malformed;
            failure.reason = tr("answer cut short (%1)").arg(reply->errorString());
        }
    } else if (status == 429) {
        failure.tooManyRequests = true;
        failure.reason = tr("HTTP 429 (too many requests)");
        failure.retryAfter
            = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
    } else if (status == 414 || status == 431) {
        failure.kind = Failure::Kind::UrlTooLong;
        failure.reason = httpReason(status, body);
    } else if (status >= 500 || status == 408) {
        failure.reason = QStringLiteral("HTTP ") + QString::number(status);
        failure.retryAfter
            = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
    } else if (status > 0) {
        failure.kind = Failure::Kind::Permanent;
        failure.reason = httpReason(status, body);
    } else {
        switch (error) {
        case QNetworkReply::OperationCanceledError: // what a transfer timeout looks like in 6.4
        case QNetworkReply::TimeoutError:
            failure.reason = tr("timeout (no answer in %1 s)")
                                 .arg(secondsText(m_settings.timeout));
            break;
        case QNetworkReply::ConnectionRefusedError:
            failure.kind = Failure::Kind::Unreachable;
            failure.reason = tr("connection refused");
            break;
        case QNetworkReply::HostNotFoundError:
            failure.kind = Failure::Kind::Unreachable;
            failure.reason = tr("host not found");
            break;
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProtocolUnknownError:
            failure.kind = Failure::Kind::Unreachable;
            failure.reason = reply->errorString();
            break;
        case QNetworkReply::RemoteHostClosedError:
            failure.reason = tr("connection closed by the server");
            break;
        default:
            failure.reason = reply->errorString();
            break;
        }
    }

    Q_EMIT countersChanged();
    if (!m_running)
        return;
    if (good) {
        // A page of 200 records takes 10-40 ms to parse: off the GUI thread, while the next
        // request is already on its way.
        const int page = flight.batch.page;
        const bool resource = !flight.batch.resource.isEmpty();
        const bool whole = resource && flight.batch.leis.first().isEmpty();
        auto *watcher = new QFutureWatcher<ParsedPage>(this);
        m_parses.insert(watcher, std::move(flight.batch));
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            const auto it = m_parses.find(watcher);
            if (it == m_parses.end())
                return; // handled by cancel()
            Batch batch = std::move(*it);
            m_parses.erase(it);
            handlePage(std::move(batch), watcher->result());
            dispatch();
        });
        watcher->setFuture(QtConcurrent::run([body, page, resource, whole] {
            return resource ? parseResource(body, whole) : parsePage(body, page);
        }));
    } else {
        handleFailure(std::move(flight.batch), failure);
    }
    dispatch();
}

GleifClient::ParsedPage GleifClient::parsePage(const QByteArray &body, int page)
{
    ParsedPage parsed;
    parsed.lastPage = page;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        parsed.error = tr("malformed JSON (%1 at byte %2)")
                           .arg(parseError.errorString(), QString::number(parseError.offset));
        return parsed;
    }
    const QJsonObject top = doc.object();
    const QJsonValue dataValue = top.value(u"data");
    if (!dataValue.isArray()) {
        parsed.error = tr("malformed JSON (no data array)");
        return parsed;
    }
    // Parse everything before reporting anything: one unreadable record makes the page suspect.
    const QJsonArray data = dataValue.toArray();
    parsed.records.reserve(data.size());
    for (const QJsonValue &v : data) {
        GleifRecord record;
        if (!v.isObject() || !GleifRecord::fromJson(v.toObject(), &record)) {
            parsed.records.clear();
            parsed.error = tr("malformed JSON (record without attributes.lei)");
            return parsed;
        }
        parsed.records.append(std::move(record));
    }
    const QJsonObject pagination = top.value(u"meta").toObject().value(u"pagination").toObject();
    parsed.lastPage = pagination.value(u"lastPage").toInt(page);
    return parsed;
}

GleifClient::ParsedPage GleifClient::parseResource(const QByteArray &body, bool whole)
{
    ParsedPage parsed;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        parsed.error = tr("malformed JSON (%1 at byte %2)")
                           .arg(parseError.errorString(), QString::number(parseError.offset));
    else if (whole && doc.object().contains(u"data"))
        parsed.resource = doc.object();
    else if (whole || !doc.object().value(u"data").isObject())
        parsed.error = whole ? tr("malformed JSON (no data)") : tr("malformed JSON (no data object)");
    else
        parsed.resource = doc.object().value(u"data").toObject();
    return parsed;
}

void GleifClient::handlePage(Batch batch, ParsedPage parsed)
{
    if (!parsed.error.isEmpty()) {
        Failure malformed;
        malformed.kind = Failure::Kind::Malformed;
        malformed.reason = parsed.error;
        handleFailure(std::move(batch), malformed);
        return;
    }
    if (!batch.resource.isEmpty()) {
        m_failuresInARow = 0;
        ResourceAnswer answer;
        answer.lei = batch.leis.first();
        answer.resource = batch.resource;
        answer.ok = true;
        answer.data = std::move(parsed.resource);
        if (m_running)
            Q_EMIT resourcesReady({ answer });
        return;
    }
    QVector<GleifRecord> &records = parsed.records;

    m_failuresInARow = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVector<LookupResult> results;
    // GLEIF returns records in its own order, never the request's: match on attributes.lei.
    for (GleifRecord &record : records) {
        if (!batch.pending.remove(record.lei)) {
            qCDebug(lcGleif) << "ignoring record not asked for (or twice):" << record.lei;
            continue;
        }
        LookupResult r;
        r.lei = record.lei;
        r.outcome = LookupOutcome::Found;
        r.record = std::move(record);
        r.fetchedAt = now;
        results.append(std::move(r));
    }

    if (batch.page < parsed.lastPage && !batch.pending.isEmpty() && results.isEmpty()) {
        // Every page of a filter[lei] answer holds LEIs of the filter not seen before: a page
        // that settles none is a server paging on forever (lastPage: 1000000, empty pages).
        fail(batch.remaining(), tr("page %1 of %2 held none of the LEIs asked for (paging stopped)")
                                 .arg(QString::number(batch.page), QString::number(parsed.lastPage)));
        return;
    } else if (batch.page < parsed.lastPage && !batch.pending.isEmpty() && !m_gaveUp.isEmpty()) {
        fail(batch.remaining(), m_gaveUp); // given up meanwhile: no further page is asked for
    } else if (batch.page < parsed.lastPage && !batch.pending.isEmpty()) {
        ++batch.page;
        batch.attempt = 0;
        batch.refusals = 0;
        batch.notBefore = {};
        m_queue.prepend(std::move(batch));
    } else {
        // A complete answer: whatever it lacks, GLEIF does not know.
        for (const QString &lei : std::as_const(batch.leis)) {
            if (!batch.pending.contains(lei))
                continue;
            LookupResult r;
            r.lei = lei;
            r.outcome = LookupOutcome::NotFound;
            r.fetchedAt = now;
            results.append(std::move(r));
        }
    }
    report(std::move(results));
}

void GleifClient::handleFailure(Batch batch, const Failure &failure)
{
    using Kind = Failure::Kind;
    if (failure.tooManyRequests)
        ++m_counters.tooManyRequests;
    // "GLEIF is down" is judged from whole batches failing on their first try: retries, the
    // halves of a split batch, bad bodies (one bad record) and 429s (GLEIF is answering)
    // say nothing about the service as a whole.
    if (batch.attempt == 0 && !batch.narrowed && failure.kind != Kind::Malformed && !failure.tooManyRequests)
        ++m_failuresInARow;

    const QStringList remaining = batch.remaining();

    if (failure.kind == Kind::Fatal) {
        fail(remaining, failure.reason, batch.resource);
        if (m_gaveUp.isEmpty()) {
            m_gaveUp = failure.reason;
            failEverythingQueued(failure.reason);
        }
        return;
    }

    // Once GLEIF has been given up on (unreachable, TLS, proxy credentials), an answer still in
    // flight fails with the same reason instead of sending anything more.
    if (!m_gaveUp.isEmpty()) {
        fail(remaining, m_gaveUp, batch.resource);
        return;
    }

    if (failure.kind == Kind::UrlTooLong) {
        if (remaining.size() > 1) {
            m_urlBatchLimit = std::min(m_urlBatchLimit, std::max(1, int(remaining.size()) / 2));
            qCInfo(lcGleif) << failure.reason << "- batches now at most" << m_urlBatchLimit;
            split(batch, batch.maxAttempts);
        } else {
            fail(remaining, failure.reason, batch.resource);
        }
        return;
    }

    if (m_gaveUp.isEmpty() && m_failuresInARow >= failuresBeforeGivingUp(m_settings)) {
        m_gaveUp = tr("%1 (GLEIF failed %2 times in a row)")
                       .arg(failure.reason, QString::number(m_failuresInARow));
        qCWarning(lcGleif) << "giving up:" << m_gaveUp;
        fail(remaining, m_gaveUp, batch.resource);
        failEverythingQueued(m_gaveUp);
        return;
    }

    // A bad answer with several LEIs in it: find the one that spoils it rather than retry all.
    if (failure.kind == Kind::Malformed && remaining.size() > 1) {
        qCInfo(lcGleif) << failure.reason << "- splitting" << remaining.size() << "LEIs";
        split(batch, attemptsAfterSplit);
        return;
    }

    if (failure.retryAfter && *failure.retryAfter > longestWait) {
        fail(remaining, tr("%1: GLEIF asks to wait %2 min")
                            .arg(failure.reason, QString::number(std::chrono::duration_cast<std::chrono::minutes>(
                                                                *failure.retryAfter).count())), batch.resource);
        return;
    }
    if (failure.tooManyRequests && batch.refusals < maxRefusals) {
        // Refused, not failed: wait as long as GLEIF says, or a whole window when it says
        // nothing (its limit is per rolling minute, so a shorter wait is refused again), and
        // hold every other request of the process back as long.
        ++batch.refusals;
        const milliseconds delay = failure.retryAfter.value_or(std::max(backoff(batch.refusals), m_settings.window));
        m_limiter->pauseFor(delay);
        qCInfo(lcGleif) << failure.reason << "- waiting" << delay.count() << "ms before" << shortList(remaining);
        batch.notBefore = Clock::now() + delay;
        m_queue.append(std::move(batch));
        return;
    }

    ++batch.attempt;
    const bool retryable = failure.kind != Kind::Permanent && failure.kind != Kind::Refused;
    if (retryable && batch.attempt < batch.maxAttempts) {
        const milliseconds delay = failure.retryAfter.value_or(backoff(batch.attempt));
        // GLEIF counts every request: after a 429 nobody may send until it says so.
        if (failure.tooManyRequests || failure.retryAfter)
            m_limiter->pauseFor(delay);
        qCInfo(lcGleif) << failure.reason << "- retrying" << shortList(remaining) << "in"
                        << delay.count() << "ms";
        batch.notBefore = Clock::now() + delay;
        // Nobody answering means nobody will answer the other batches either: hold them back
        // until the retry has shown whether the host is back, instead of failing each in turn.
        if (failure.kind == Kind::Unreachable)
            m_holdUntil = std::max(m_holdUntil, batch.notBefore);
        m_queue.append(std::move(batch));
        return;
    }

    const QString reason = retryable
        ? (batch.attempt == 1 ? tr("%1 after 1 attempt").arg(failure.reason)
                              : tr("%1 after %2 attempts").arg(failure.reason, QString::number(batch.attempt)))
        : failure.reason;
    // Splitting narrows down a bad answer; a refusal (429) or a silent host is nobody's fault
    // in the batch, and more, smaller requests would only make it worse.
    // A refused answer (too large, redirected away) comes back the same for any part of it.
    if (failure.kind != Kind::Unreachable && failure.kind != Kind::Refused
        && !failure.tooManyRequests && remaining.size() > 1) {
        qCInfo(lcGleif) << reason << "- splitting" << remaining.size() << "LEIs";
        split(batch, attemptsAfterSplit);
        return;
    }
    fail(remaining, reason, batch.resource);
    if (failure.kind == Kind::Unreachable) {
        // Every other batch would wait through the same attempts for the same answer.
        m_gaveUp = reason;
        failEverythingQueued(reason);
    }
}

void GleifClient::split(const Batch &batch, int attempts)
{
    const QStringList remaining = batch.remaining();
    const qsizetype half = remaining.size() / 2;
    for (const QStringList &part : { remaining.mid(half), remaining.mid(0, half) }) {
        Batch b;
        b.leis = part;
        b.pending = QSet<QString>(part.cbegin(), part.cend());
        b.maxAttempts = std::min(attempts, m_settings.maxAttempts);
        b.narrowed = true;
        m_queue.prepend(std::move(b));
    }
}

void GleifClient::fail(const QStringList &leis, const QString &reason, const QString &resource)
{
    if (leis.isEmpty())
        return;
    qCInfo(lcGleif) << "failed:" << shortList(leis) << resource << "-" << reason;
    if (!resource.isEmpty()) {
        QVector<ResourceAnswer> answers;
        for (const QString &lei : leis)
            answers.append(ResourceAnswer { lei, resource, false, {}, reason });
        if (m_running)
            Q_EMIT resourcesReady(answers);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVector<LookupResult> results;
    results.reserve(leis.size());
    for (const QString &lei : leis) {
        LookupResult r;
        r.lei = lei;
        r.outcome = LookupOutcome::Failed;
        r.reason = reason;
        r.fetchedAt = now;
        results.append(std::move(r));
    }
    report(std::move(results));
}

void GleifClient::failEverythingQueued(const QString &reason)
{
    QStringList leis = std::exchange(m_unbatched, {});
    const QList<Batch> queue = std::exchange(m_queue, {}) + std::exchange(m_unsentResources, {});
    for (const Batch &b : queue) {
        if (!b.resource.isEmpty()) {
            fail(b.leis, reason, b.resource);
            continue;
        }
        leis += b.remaining();
    }
    fail(leis, reason);
}

void GleifClient::report(QVector<LookupResult> results)
{
    if (!m_running || results.isEmpty())
        return;
    for (const LookupResult &r : std::as_const(results)) {
        switch (r.outcome) {
        case LookupOutcome::Found:
            ++m_counters.found;
            break;
        case LookupOutcome::NotFound:
            ++m_counters.notFound;
            break;
        case LookupOutcome::Failed:
            ++m_counters.failed;
            break;
        }
    }
    Q_EMIT resultsReady(results);
}

void GleifClient::finishIfDone()
{
    if (!m_running || !m_unbatched.isEmpty() || !m_unsentResources.isEmpty() || !m_queue.isEmpty()
        || !m_flights.isEmpty()
        || !m_lateFailures.isEmpty() || !m_parses.isEmpty())
        return;
    m_running = false;
    ++m_generation;
    m_wakeUp.stop();
    qCInfo(lcGleif) << "finished:" << m_counters.requestsSent << "requests," << m_counters.found
                    << "found," << m_counters.notFound << "not found," << m_counters.failed
                    << "failed";
    Q_EMIT finished();
}

milliseconds GleifClient::backoff(int failedAttempts) const
{
    const int exponent = std::clamp(failedAttempts - 1, 0, 20);
    const double full = std::min(double(m_settings.backoffBase.count()) * double(1 << exponent),
        double(m_settings.backoffMax.count()));
    // Jitter keeps clients that failed together from retrying together.
    const double factor = 0.5 + 0.5 * QRandomGenerator::global()->generateDouble();
    return milliseconds(qint64(full * factor));
}
