#include "fakegleif.h"

#include "lei.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcFakeGleif, "lei.fakegleif", QtWarningMsg)

namespace {

const QString apiPrefix = QStringLiteral("/api/v1");
const QString recordsPath = QStringLiteral("/api/v1/lei-records");
const QString fuzzyPath = QStringLiteral("/api/v1/fuzzycompletions");

// A name's words as the fake compares them: case-folded letters and digits.
QStringList words(const QString &text)
{
    QString folded = text.toCaseFolded();
    for (QChar &c : folded)
        if (!c.isLetterOrNumber())
            c = u' ';
    return folded.split(u' ', Qt::SkipEmptyParts);
}

// Whether two words are equal, or (4+ letters) one insertion, deletion or substitution apart.
bool closeWords(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    if (a.size() < 4 || b.size() < 4 || std::abs(a.size() - b.size()) > 1)
        return false;
    qsizetype i = 0, j = 0;
    int edits = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j]) {
            ++i, ++j;
            continue;
        }
        if (++edits > 1)
            return false;
        if (a.size() > b.size())
            ++i;
        else if (b.size() > a.size())
            ++j;
        else
            ++i, ++j;
    }
    return edits + (a.size() - i) + (b.size() - j) <= 1;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 414:
        return "URI Too Long";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray jsonApiError(int status, const QString &title, const QString &detail)
{
    QJsonObject error { { QStringLiteral("status"), QString::number(status) },
        { QStringLiteral("title"), title }, { QStringLiteral("detail"), detail } };
    return QJsonDocument(QJsonObject { { QStringLiteral("errors"), QJsonArray { error } } })
        .toJson(QJsonDocument::Compact);
}

QJsonObject goldenCopyMeta()
{
    return QJsonObject { { QStringLiteral("goldenCopy"),
        QJsonObject {
            { QStringLiteral("publishDate"), QStringLiteral("2026-01-01T00:00:00Z") } } } };
}

QJsonObject address(const QString &line, const QString &city, const QString &country)
{
    return QJsonObject { { QStringLiteral("language"), QStringLiteral("en") },
        { QStringLiteral("addressLines"), QJsonArray { line } },
        { QStringLiteral("addressNumber"), QJsonValue::Null },
        { QStringLiteral("addressNumberWithinBuilding"), QJsonValue::Null },
        { QStringLiteral("mailRouting"), QJsonValue::Null }, { QStringLiteral("city"), city },
        { QStringLiteral("region"), QJsonValue::Null }, { QStringLiteral("country"), country },
        { QStringLiteral("postalCode"), QStringLiteral("1000") } };
}

} // namespace

FakeGleif::FakeGleif(QObject *parent)
    : FakeGleif(Options(), parent)
{ }

FakeGleif::FakeGleif(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_server(new QTcpServer(this))
{
    m_clock.start();
    connect(m_server, &QTcpServer::newConnection, this, &FakeGleif::onNewConnection);
    if (m_options.loadSampleRecords) {
        QString error;
        if (!loadRecords(sampleRecordsPath(), &error))
            qCWarning(lcFakeGleif) << error;
    }
}

FakeGleif::~FakeGleif() = default;

bool FakeGleif::listen(quint16 port, const QHostAddress &address)
{
    return m_server->listen(address, port);
}

quint16 FakeGleif::port() const
{
    return m_server->serverPort();
}

QUrl FakeGleif::origin() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_server->serverAddress().toString());
    url.setPort(port());
    return url;
}

QUrl FakeGleif::baseUrl() const
{
    QUrl url = origin();
    url.setPath(apiPrefix);
    return url;
}

QString FakeGleif::errorString() const
{
    return m_server->errorString();
}

void FakeGleif::setOptions(const Options &options)
{
    m_options = options;
}

QString FakeGleif::sampleRecordsPath()
{
    return QStringLiteral(LEI_SAMPLE_RECORDS);
}

bool FakeGleif::loadRecords(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isArray()) {
        if (error)
            *error = path + QStringLiteral(": not a JSON array of records (")
                + parseError.errorString() + u')';
        return false;
    }
    for (const QJsonValue &v : doc.array())
        addRecord(v.toObject());
    return true;
}

void FakeGleif::addRecord(const QJsonObject &record)
{
    const QString lei = record.value(u"attributes").toObject().value(u"lei").toString();
    if (!lei.isEmpty())
        m_records.insert(lei, record);
}

void FakeGleif::removeAllRecords()
{
    m_records.clear();
}

int FakeGleif::searchRequests() const
{
    return int(std::count_if(m_log.cbegin(), m_log.cend(), [](const LoggedRequest &r) {
        return r.path == fuzzyPath || r.query.hasQueryItem(QStringLiteral("filter[bic]"))
            || r.query.hasQueryItem(QStringLiteral("filter[entity.legalName]"));
    }));
}

int FakeGleif::parentRequests() const
{
    return int(std::count_if(m_log.cbegin(), m_log.cend(), [](const LoggedRequest &r) { return r.path.contains(u"parent"); }));
}

QString FakeGleif::syntheticLei(int index)
{
    const QString body = QStringLiteral("FAKE00") + QString::number(index).rightJustified(12, u'0');
    return body + Lei::checkDigits(body);
}

int FakeGleif::syntheticIndex(const QString &lei) const
{
    if (lei.size() != 20 || !lei.startsWith(QLatin1String("FAKE00")))
        return -1;
    bool ok = false;
    const int index = lei.mid(6, 12).toInt(&ok);
    if (!ok || index < 0 || index >= m_options.syntheticEntities || syntheticLei(index) != lei)
        return -1;
    return index;
}

QJsonObject FakeGleif::syntheticRecord(int index)
{
    return syntheticRecord(index, false);
}

QStringList FakeGleif::syntheticHealth(int index, bool healthVariety)
{
    if (!healthVariety)
        return index % 11 == 10 ? QStringList{QStringLiteral("lapsed"), QStringLiteral("inactive")} : QStringList();
    switch (index % 8) {
    case 1: return {QStringLiteral("lapsed")};
    case 2: return {QStringLiteral("retired")};
    case 3: return {QStringLiteral("merged"), QStringLiteral("successor:") + syntheticLei(index + 1)};
    case 4: return {QStringLiteral("inactive")};
    case 5: return {QStringLiteral("renewal_due")};
    case 6: return {QStringLiteral("annulled"), QStringLiteral("successor:") + syntheticLei(index - 1)};
    default: return {};
    }
}

QJsonObject FakeGleif::syntheticRecord(int index, bool healthVariety)
{
    static const QString countries[] = { QStringLiteral("GB"), QStringLiteral("NL"),
        QStringLiteral("DE"), QStringLiteral("FR"), QStringLiteral("US"), QStringLiteral("JP") };
    const QString lei = syntheticLei(index);
    const QString country = countries[index % 6];
    const QString self = QStringLiteral("https://api.gleif.org/api/v1/lei-records/") + lei;

    QJsonObject legalName;
    if (syntheticHasNullName(index)) {
        legalName.insert(QStringLiteral("name"), QJsonValue::Null);
        legalName.insert(QStringLiteral("language"), QJsonValue::Null);
    } else {
        legalName.insert(QStringLiteral("name"),
            QString(QStringLiteral("Synthetic Entity ") + QString::number(index)
                + QStringLiteral(" Ltd")));
        legalName.insert(QStringLiteral("language"), QStringLiteral("en"));
    }
    QJsonValue bic = QJsonValue::Null;
    if (!syntheticHasNullBic(index)) {
        QJsonArray bics;
        const QString stem
            = QStringLiteral("SY") + QString::number(index % 100).rightJustified(2, u'0');
        for (int i = 0; i <= index % 3; ++i)
            bics.append(QString(
                stem + country + QStringLiteral("2") + QString::number(i) + QStringLiteral("XXX")));
        bic = bics;
    }
    const int kind = healthVariety ? index % 8 : -1;
    const bool lapsed = healthVariety ? kind == 1 : index % 11 == 10;
    const bool inactive = healthVariety ? kind == 4 : lapsed;
    QString registrationStatus = lapsed ? QStringLiteral("LAPSED") : QStringLiteral("ISSUED");
    if (kind == 2)
        registrationStatus = QStringLiteral("RETIRED");
    else if (kind == 3)
        registrationStatus = QStringLiteral("MERGED");
    else if (kind == 6)
        registrationStatus = QStringLiteral("ANNULLED");
    else if (kind == 7)
        registrationStatus = QStringLiteral("PENDING_TRANSFER");
    QString nextRenewal = QStringLiteral("2099-01-01T00:00:00Z"); // far off: health tests must not age
    if (kind == 5 || kind == 7) {
        const QDate due = QDateTime::currentDateTimeUtc().date().addDays(kind == 5 ? 10 : 31);
        nextRenewal = due.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z");
    }
    QJsonObject entity {
        { QStringLiteral("legalName"), legalName },
        { QStringLiteral("otherNames"), QJsonArray() },
        { QStringLiteral("transliteratedOtherNames"), QJsonArray() },
        { QStringLiteral("legalAddress"),
            address(QString(QString::number(index) + QStringLiteral(" Example Street")),
                QStringLiteral("Capital"), country) },
        { QStringLiteral("headquartersAddress"),
            address(QStringLiteral("2 Other Street"), QStringLiteral("Elsewhere"), country) },
        { QStringLiteral("registeredAt"),
            QJsonObject { { QStringLiteral("id"), QStringLiteral("RA000585") },
                { QStringLiteral("other"), QJsonValue::Null } } },
        { QStringLiteral("registeredAs"), QString::number(index).rightJustified(8, u'0') },
        { QStringLiteral("jurisdiction"), country },
        { QStringLiteral("category"), QStringLiteral("GENERAL") },
        { QStringLiteral("legalForm"),
            QJsonObject { { QStringLiteral("id"), QStringLiteral("H0PO") },
                { QStringLiteral("other"), QJsonValue::Null } } },
        { QStringLiteral("status"),
            inactive ? QStringLiteral("INACTIVE") : QStringLiteral("ACTIVE") },
        { QStringLiteral("creationDate"), QStringLiteral("2001-01-01T00:00:00Z") },
    };
    if (kind == 3)
        entity.insert(QStringLiteral("successorEntity"),
            QJsonObject { { QStringLiteral("lei"), syntheticLei(index + 1) },
                { QStringLiteral("name"), QJsonValue::Null } });
    else if (kind == 6)
        entity.insert(QStringLiteral("successorEntities"),
            QJsonArray { QJsonObject { { QStringLiteral("lei"), syntheticLei(index - 1) },
                { QStringLiteral("name"), QJsonValue::Null } } });
    const QJsonObject registration {
        { QStringLiteral("initialRegistrationDate"), QStringLiteral("2014-01-01T00:00:00Z") },
        { QStringLiteral("lastUpdateDate"), QStringLiteral("2026-01-01T00:00:00Z") },
        { QStringLiteral("status"), registrationStatus },
        { QStringLiteral("nextRenewalDate"), nextRenewal },
        { QStringLiteral("managingLou"), QStringLiteral("213800WAVVOPS85N2205") },
        { QStringLiteral("corroborationLevel"), QStringLiteral("FULLY_CORROBORATED") },
    };
    const QJsonObject attributes {
        { QStringLiteral("lei"), lei },
        { QStringLiteral("entity"), entity },
        { QStringLiteral("registration"), registration },
        { QStringLiteral("bic"), bic },
        { QStringLiteral("mic"), QJsonValue::Null },
        { QStringLiteral("ocid"), QJsonValue::Null },
        { QStringLiteral("spglobal"), QJsonArray() },
        { QStringLiteral("conformityFlag"), QStringLiteral("CONFORMING") },
    };
    return QJsonObject {
        { QStringLiteral("type"), QStringLiteral("lei-records") },
        { QStringLiteral("id"), lei },
        { QStringLiteral("attributes"), attributes },
        { QStringLiteral("relationships"), syntheticRelationships(index) },
        { QStringLiteral("links"), QJsonObject { { QStringLiteral("self"), self } } },
    };
}

FakeGleif::SyntheticParent FakeGleif::syntheticDirectParent(int index)
{
    const int head = index - index % 10;
    switch (index % 10) {
    case 1:
    case 3:
        return { head, {} };
    case 2:
        return { head + 1, {} };
    case 4:
        return { -1, QStringLiteral("NON_CONSOLIDATING") };
    case 5:
        return { -1, QStringLiteral("NATURAL_PERSONS") };
    case 6:
        return { -1, QStringLiteral("NON_PUBLIC") };
    default:
        return {};
    }
}

FakeGleif::SyntheticParent FakeGleif::syntheticUltimateParent(int index)
{
    switch (index % 10) {
    case 1:
    case 2:
    case 3:
        return { index - index % 10, {} };
    case 4:
        return { -1, QStringLiteral("NON_CONSOLIDATING") };
    case 5:
        return { -1, QStringLiteral("NATURAL_PERSONS") };
    case 7:
        return { -1, QStringLiteral("NO_KNOWN_PERSON") };
    default:
        return {};
    }
}

QJsonObject FakeGleif::syntheticRelationships(int index)
{
    const QString self
        = QStringLiteral("https://api.gleif.org/api/v1/lei-records/") + syntheticLei(index);
    const auto links = [](const QJsonObject &l) {
        return QJsonObject { { QStringLiteral("links"), l } };
    };
    QJsonObject relationships { { QStringLiteral("managing-lou"),
        links({ { QStringLiteral("related"), QString(self + QStringLiteral("/managing-lou")) } }) } };
    const auto add = [&](const QString &kind, const SyntheticParent &parent) {
        if (parent.parentIndex >= 0)
            relationships.insert(kind + QStringLiteral("-parent"),
                links({ { QStringLiteral("relationship-record"),
                            QString(self + u'/' + kind + QStringLiteral("-parent-relationship")) },
                    { QStringLiteral("lei-record"),
                        QString(self + u'/' + kind + QStringLiteral("-parent")) } }));
        else if (!parent.exception.isEmpty())
            relationships.insert(kind + QStringLiteral("-parent"),
                links({ { QStringLiteral("reporting-exception"),
                    QString(self + u'/' + kind + QStringLiteral("-parent-reporting-exception")) } }));
    };
    add(QStringLiteral("direct"), syntheticDirectParent(index));
    add(QStringLiteral("ultimate"), syntheticUltimateParent(index));
    return relationships;
}

bool FakeGleif::knows(const QString &lei) const
{
    return m_records.contains(lei) || syntheticIndex(lei) >= 0;
}

QJsonObject FakeGleif::record(const QString &lei) const
{
    const auto it = m_records.constFind(lei);
    if (it != m_records.cend())
        return *it;
    const int index = syntheticIndex(lei);
    return index >= 0 ? syntheticRecord(index, m_options.healthVariety) : QJsonObject();
}

void FakeGleif::enqueue(const Scripted &response)
{
    m_script.append(response);
}

QVector<qint64> FakeGleif::arrivals() const
{
    QVector<qint64> result;
    result.reserve(m_log.size());
    for (const LoggedRequest &r : m_log)
        result.append(r.arrivedMs);
    return result;
}

void FakeGleif::clearStats()
{
    m_stats = {};
    m_stats.peakConcurrency = m_active;
    m_log.clear();
}

int FakeGleif::maxInAnyWindow(QVector<qint64> arrivalsMs, qint64 windowMs)
{
    std::sort(arrivalsMs.begin(), arrivalsMs.end());
    int best = 0;
    qsizetype first = 0;
    for (qsizetype last = 0; last < arrivalsMs.size(); ++last) {
        // Two arrivals share a window of length W when they are less than W apart.
        while (arrivalsMs[last] - arrivalsMs[first] >= windowMs)
            ++first;
        best = std::max(best, int(last - first + 1));
    }
    return best;
}

void FakeGleif::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_connections.insert(socket, Connection());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            const auto it = m_connections.find(socket);
            if (it == m_connections.end())
                return;
            it->buffer += socket->readAll();
            processBuffer(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeGleif::processBuffer(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end() || it->busy)
        return;
    const qsizetype end = it->buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QByteArray head = it->buffer.left(end);
    it->buffer.remove(0, end + 4);

    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    QHash<QByteArray, QByteArray> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            headers.insert(
                lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    // GET carries no body; anything else declared is skipped so the next request parses.
    const int bodyLength = headers.value("content-length").toInt();
    if (bodyLength > 0)
        it->buffer.remove(0, std::min<qsizetype>(bodyLength, it->buffer.size()));
    const bool closeAfter = headers.value("connection").toLower() == "close";

    it->busy = true;
    const QByteArray target = requestLine.value(1);
    if (requestLine.value(0) != "GET") {
        Answer answer;
        answer.status = 400;
        answer.body = jsonApiError(400, QStringLiteral("Bad Request"), QStringLiteral("GET only"));
        send(socket, answer, false, closeAfter);
        return;
    }
    if (serveGoldenCopy(socket, target, headers, closeAfter))
        return;
    if (target.startsWith("/_fake/stats")) {
        Answer answer;
        answer.body = statsJson();
        send(socket, answer, false, closeAfter);
        return;
    }
    ++m_active;
    m_stats.peakConcurrency = std::max(m_stats.peakConcurrency, m_active);
    Q_EMIT requestArrived(target);
    send(socket, handle(target, headers), true, closeAfter);
}

FakeGleif::Answer FakeGleif::handle(
    const QByteArray &target, const QHash<QByteArray, QByteArray> &headers)
{
    const qint64 now = this->now();
    LoggedRequest request;
    request.arrivedMs = now;
    request.target = target;
    const qsizetype question = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(target.left(question < 0 ? target.size() : question));
    if (question >= 0)
        request.query = QUrlQuery(QString::fromLatin1(target.mid(question + 1)));
    request.userAgent = headers.value("user-agent");
    request.accept = headers.value("accept");
    const QString filter
        = request.query.queryItemValue(QStringLiteral("filter[lei]"), QUrl::FullyDecoded);
    if (request.path == recordsPath) {
        for (const QString &part : filter.split(u',', Qt::SkipEmptyParts)) {
            const QString lei = part.trimmed().toUpper();
            if (!request.leis.contains(lei))
                request.leis.append(lei);
        }
    } else if (request.path.startsWith(recordsPath + u'/')) {
        // {LEI} or {LEI}/{resource}
        request.leis.append(request.path.mid(recordsPath.size() + 1).section(u'/', 0, 0).toUpper());
    }
    ++m_stats.requests;
    m_stats.leisAsked += request.leis.size();

    Answer answer;
    answer.delayMs = m_options.latencyMs;
    const auto finish = [&](Answer a) {
        request.status = a.status;
        if (a.status == 429)
            ++m_stats.tooManyRequests;
        if (a.status >= 500)
            ++m_stats.serverErrors;
        if (a.truncate)
            ++m_stats.truncated;
        m_log.append(request);
        return a;
    };
    const auto error = [&](int status, const QString &title, const QString &detail) {
        answer.status = status;
        answer.body = jsonApiError(status, title, detail);
        return finish(answer);
    };

    if (m_options.rateLimit > 0) {
        while (!m_window.empty() && now - m_window.front() >= m_options.windowMs)
            m_window.pop_front();
        m_window.push_back(now); // GLEIF counts refused requests too
        if (int(m_window.size()) > m_options.rateLimit) {
            // Free again once enough of the oldest arrivals have left the window.
            const qint64 freeAt
                = m_window[m_window.size() - m_options.rateLimit] + m_options.windowMs;
            const qint64 seconds = std::max<qint64>(1, (freeAt - now + 999) / 1000);
            if (m_options.sendRetryAfter)
                answer.headers.append({ "Retry-After", QByteArray::number(seconds) });
            return error(
                429, QStringLiteral("Too Many Requests"), QStringLiteral("Rate limit exceeded"));
        }
    }

    if (!m_script.isEmpty()) {
        const Scripted scripted = m_script.takeFirst();
        answer.delayMs += scripted.delayMs;
        if (scripted.status != 0) {
            answer.status = scripted.status;
            answer.body = scripted.body;
            answer.headers = scripted.headers;
            if (answer.body.isEmpty() && scripted.status != 200)
                answer.body = jsonApiError(scripted.status,
                    QString::fromLatin1(reasonPhrase(scripted.status)), QStringLiteral("scripted"));
            return finish(answer);
        }
    }

    if (!m_options.redirectTo.isEmpty()) {
        answer.status = 302;
        answer.headers.append({ "Location",
            m_options.redirectTo.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toEncoded() + target });
        return finish(answer);
    }

    if (m_options.maxUrlLength > 0 && target.size() > m_options.maxUrlLength)
        return error(414, QStringLiteral("URI Too Long"), QStringLiteral("Request-URI Too Long"));

    ++m_apiRequests;
    if (m_options.serverErrorEvery > 0 && m_apiRequests % m_options.serverErrorEvery == 0)
        return error(m_options.serverErrorStatus,
            QString::fromLatin1(reasonPhrase(m_options.serverErrorStatus)),
            QStringLiteral("every k-th request fails"));

    for (const QString &lei : std::as_const(request.leis)) {
        if (m_options.errorLeis.contains(lei))
            return error(
                500, QStringLiteral("Internal Server Error"), QStringLiteral("record broken"));
    }

    Answer result;
    if (request.path == recordsPath)
        result = listRecords(request);
    else if (request.path == fuzzyPath)
        result = fuzzyCompletions(request);
    else if (request.path.startsWith(recordsPath + u'/') && request.leis.size() == 1
        && request.path.count(u'/') == recordsPath.count(u'/') + 1)
        result = singleRecord(request.leis.first());
    else if (request.path.startsWith(recordsPath + u'/') && request.leis.size() == 1
        && request.path.count(u'/') == recordsPath.count(u'/') + 2)
        result = relationshipResource(request.leis.first(), request.path.section(u'/', -1));
    else
        result = { 404,
            jsonApiError(404, QStringLiteral("Not Found"), QStringLiteral("No such route")), {},
            false, 0 };
    result.delayMs += answer.delayMs;
    if (result.status == 200) {
        for (const QString &lei : std::as_const(request.leis)) {
            if (m_options.truncateLeis.contains(lei)) {
                result.truncate = true;
                break;
            }
        }
    }
    return finish(result);
}

FakeGleif::Answer FakeGleif::listRecords(const LoggedRequest &request)
{
    Answer answer;
    const auto bad = [&](const QString &parameter, const QString &detail) {
        QJsonObject error { { QStringLiteral("status"), QStringLiteral("400") },
            { QStringLiteral("title"), QStringLiteral("Bad Request") },
            { QStringLiteral("detail"), detail },
            { QStringLiteral("source"),
                QJsonObject { { QStringLiteral("parameter"), parameter } } } };
        answer.status = 400;
        answer.body
            = QJsonDocument(QJsonObject { { QStringLiteral("errors"), QJsonArray { error } } })
                  .toJson(QJsonDocument::Compact);
        return answer;
    };

    int pageSize = m_options.defaultPageSize;
    const QString sizeText = request.query.queryItemValue(QStringLiteral("page[size]"));
    if (request.query.hasQueryItem(QStringLiteral("page[size]"))) {
        bool ok = false;
        pageSize = sizeText.toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > m_options.maxPageSize)
            return bad(QStringLiteral("page[size]"),
                QStringLiteral("page[size] must be an integer between 1 and ")
                    + QString::number(m_options.maxPageSize));
    }
    int pageNumber = 1;
    if (request.query.hasQueryItem(QStringLiteral("page[number]"))) {
        bool ok = false;
        pageNumber = request.query.queryItemValue(QStringLiteral("page[number]")).toInt(&ok);
        if (!ok || pageNumber < 1)
            return bad(QStringLiteral("page[number]"),
                QStringLiteral("page[number] must be a positive integer"));
    }
    const int perPage
        = m_options.pageSizeCap > 0 ? std::min(pageSize, m_options.pageSizeCap) : pageSize;

    QStringList matched;
    const QString legalName = request.query.queryItemValue(QStringLiteral("filter[entity.legalName]"), QUrl::FullyDecoded);
    const QString bic = request.query.queryItemValue(QStringLiteral("filter[bic]"), QUrl::FullyDecoded);
    if (request.query.hasQueryItem(QStringLiteral("filter[lei]"))) {
        for (const QString &lei : request.leis) {
            if (knows(lei))
                matched.append(lei);
        }
    } else if (!legalName.isEmpty() || !bic.isEmpty()) { // the loaded records only
        for (auto it = m_records.cbegin(); it != m_records.cend(); ++it) {
            const QJsonObject attributes = it->value(u"attributes").toObject();
            const QString name = attributes.value(u"entity").toObject().value(u"legalName").toObject().value(u"name").toString();
            const QJsonArray bics = attributes.value(u"bic").toArray();
            const bool hasBic = std::any_of(bics.begin(), bics.end(), [&](const QJsonValue &b) {
                return b.toString().compare(bic, Qt::CaseInsensitive) == 0;
            });
            if ((legalName.isEmpty() || name.compare(legalName, Qt::CaseInsensitive) == 0) && (bic.isEmpty() || hasBic))
                matched.append(it.key());
        }
    } else {
        matched = m_records.keys();
    }
    // GLEIF's own order: stable from page to page, unrelated to the order asked for.
    const quint32 seed = m_options.seed;
    std::sort(matched.begin(), matched.end(), [seed](const QString &a, const QString &b) {
        const size_t ha = qHash(a, seed), hb = qHash(b, seed);
        return ha != hb ? ha < hb : a < b;
    });

    const int total = int(matched.size());
    const int realLastPage = std::max(1, (total + perPage - 1) / perPage);
    const int lastPage = m_options.endlessPages ? endlessLastPage : realLastPage;
    const int from = (pageNumber - 1) * perPage;
    const int to = std::min(total, from + perPage);
    QJsonArray data;
    for (int i = from; i < to; ++i)
        data.append(record(matched[i]));

    const auto pageLink = [&](int page) {
        QUrl url = baseUrl();
        url.setPath(recordsPath);
        QUrlQuery query = request.query;
        query.removeAllQueryItems(QStringLiteral("page[number]"));
        query.removeAllQueryItems(QStringLiteral("page[size]"));
        query.addQueryItem(QStringLiteral("page[number]"), QString::number(page));
        query.addQueryItem(QStringLiteral("page[size]"), QString::number(perPage));
        url.setQuery(query);
        return url.toString(QUrl::FullyEncoded);
    };
    QJsonObject links { { QStringLiteral("first"), pageLink(1) },
        { QStringLiteral("last"), pageLink(lastPage) } };
    if (pageNumber > 1)
        links.insert(QStringLiteral("prev"), pageLink(std::min(pageNumber - 1, lastPage)));
    if (pageNumber < lastPage)
        links.insert(QStringLiteral("next"), pageLink(pageNumber + 1));

    const bool empty = from >= to;
    QJsonObject meta = goldenCopyMeta();
    meta.insert(QStringLiteral("pagination"),
        QJsonObject { { QStringLiteral("currentPage"), pageNumber },
            { QStringLiteral("perPage"), perPage },
            { QStringLiteral("from"), empty ? QJsonValue() : QJsonValue(from + 1) },
            { QStringLiteral("to"), empty ? QJsonValue() : QJsonValue(to) },
            { QStringLiteral("total"), total }, { QStringLiteral("lastPage"), lastPage } });
    answer.body
        = QJsonDocument(QJsonObject { { QStringLiteral("meta"), meta },
                            { QStringLiteral("links"), links }, { QStringLiteral("data"), data } })
              .toJson(QJsonDocument::Compact);
    return answer;
}

FakeGleif::Answer FakeGleif::fuzzyCompletions(const LoggedRequest &request)
{
    const QString field = request.query.queryItemValue(QStringLiteral("field"), QUrl::FullyDecoded);
    const QString q = request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    if ((field != u"entity.legalName" && field != u"fulltext") || q.trimmed().isEmpty())
        return { 400, jsonApiError(400, QStringLiteral("Bad Request"), QStringLiteral("field and q are required")), {}, false, 0 };
    const QStringList asked = words(q);
    struct Hit
    {
        int shared;
        QString name;
        QString lei;
    };
    QVector<Hit> hits;
    for (auto it = m_records.cbegin(); it != m_records.cend(); ++it) {
        const QString name = it->value(u"attributes").toObject().value(u"entity").toObject().value(u"legalName").toObject().value(u"name").toString();
        const QStringList theirs = words(name);
        int shared = 0;
        for (const QString &w : asked)
            shared += std::any_of(theirs.cbegin(), theirs.cend(), [&](const QString &t) { return closeWords(w, t); });
        if (shared > 0)
            hits.append({shared, name, it.key()});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
        return a.shared != b.shared ? a.shared > b.shared : a.name != b.name ? a.name < b.name : a.lei < b.lei;
    });
    QJsonArray data;
    for (qsizetype i = 0; i < std::min<qsizetype>(10, hits.size()); ++i) {
        const QString related = QStringLiteral("https://api.gleif.org/api/v1/lei-records/") + hits[i].lei;
        data.append(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("fuzzycompletions") },
            { QStringLiteral("attributes"), QJsonObject { { QStringLiteral("value"), hits[i].name } } },
            { QStringLiteral("relationships"),
                QJsonObject { { QStringLiteral("lei-records"),
                    QJsonObject { { QStringLiteral("data"),
                                      QJsonObject { { QStringLiteral("type"), QStringLiteral("lei-records") },
                                          { QStringLiteral("id"), hits[i].lei } } },
                        { QStringLiteral("links"), QJsonObject { { QStringLiteral("related"), related } } } } } } } });
    }
    Answer answer;
    answer.body = QJsonDocument(QJsonObject { { QStringLiteral("data"), data } }).toJson(QJsonDocument::Compact);
    return answer;
}

FakeGleif::Answer FakeGleif::singleRecord(const QString &lei)
{
    Answer answer;
    if (!knows(lei)) {
        answer.status = 404;
        answer.body = jsonApiError(404, QStringLiteral("Not Found"),
            QStringLiteral("The requested LEI record does not exist"));
        return answer;
    }
    const QJsonObject record = this->record(lei);
    answer.body
        = QJsonDocument(QJsonObject { { QStringLiteral("meta"), goldenCopyMeta() },
                            { QStringLiteral("data"), record },
                            { QStringLiteral("links"), record.value(u"links").toObject() } })
              .toJson(QJsonDocument::Compact);
    return answer;
}

FakeGleif::Answer FakeGleif::relationshipResource(const QString &lei, const QString &resource)
{
    Answer answer;
    const auto notFound = [&](const QString &detail) {
        answer.status = 404;
        answer.body = jsonApiError(404, QStringLiteral("Not Found"), detail);
        return answer;
    };
    const bool direct = resource.startsWith(QLatin1String("direct-parent"));
    const QString kind = direct ? QStringLiteral("direct") : QStringLiteral("ultimate");
    const QString tail = resource.mid(kind.size() + int(qstrlen("-parent")));
    if ((!direct && !resource.startsWith(QLatin1String("ultimate-parent")))
        || (!tail.isEmpty() && tail != QLatin1String("-relationship")
            && tail != QLatin1String("-reporting-exception")))
        return notFound(QStringLiteral("No such route"));
    if (!knows(lei))
        return notFound(QStringLiteral("The requested LEI record does not exist"));
    // Loaded records carry no parent links, and so have nothing here.
    const int index = syntheticIndex(lei);
    const SyntheticParent parent = index < 0 ? SyntheticParent()
        : direct                             ? syntheticDirectParent(index)
                                             : syntheticUltimateParent(index);
    const bool hasParent = parent.parentIndex >= 0 && parent.parentIndex < m_options.syntheticEntities;
    if (tail.isEmpty()) {
        if (!hasParent)
            return notFound(QStringLiteral("No parent reported"));
        return singleRecord(syntheticLei(parent.parentIndex));
    }
    if (tail == QLatin1String("-relationship")) {
        if (!hasParent)
            return notFound(QStringLiteral("No parent relationship reported"));
        const QString parentLei = syntheticLei(parent.parentIndex);
        const auto node = [](const QString &id) {
            return QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("type"), QStringLiteral("LEI") } };
        };
        const QJsonObject record { { QStringLiteral("type"), QStringLiteral("relationship-records") },
            { QStringLiteral("id"), QString(lei + u'_' + parentLei) },
            { QStringLiteral("attributes"),
                QJsonObject { { QStringLiteral("relationship"),
                    QJsonObject { { QStringLiteral("startNode"), node(lei) },
                        { QStringLiteral("endNode"), node(parentLei) },
                        { QStringLiteral("type"),
                            direct ? QStringLiteral("IS_DIRECTLY_CONSOLIDATED_BY")
                                   : QStringLiteral("IS_ULTIMATELY_CONSOLIDATED_BY") } } } } } };
        answer.body = QJsonDocument(QJsonObject { { QStringLiteral("data"), record } })
                          .toJson(QJsonDocument::Compact);
        return answer;
    }
    if (parent.exception.isEmpty())
        return notFound(QStringLiteral("No reporting exception"));
    const QJsonObject exception { { QStringLiteral("type"), QStringLiteral("reporting-exceptions") },
        { QStringLiteral("id"), QString(lei + u'_' + kind) },
        { QStringLiteral("attributes"),
            QJsonObject { { QStringLiteral("lei"), lei },
                { QStringLiteral("category"),
                    direct ? QStringLiteral("DIRECT_ACCOUNTING_CONSOLIDATION_PARENT")
                           : QStringLiteral("ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT") },
                { QStringLiteral("reason"), parent.exception },
                { QStringLiteral("reference"), QJsonValue::Null } } } };
    answer.body = QJsonDocument(QJsonObject { { QStringLiteral("data"), exception } })
                      .toJson(QJsonDocument::Compact);
    return answer;
}

QByteArray FakeGleif::statsJson() const
{
    return QJsonDocument(
        QJsonObject {
            { QStringLiteral("requests"), m_stats.requests },
            { QStringLiteral("leisAsked"), double(m_stats.leisAsked) },
            { QStringLiteral("tooManyRequests"), m_stats.tooManyRequests },
            { QStringLiteral("serverErrors"), m_stats.serverErrors },
            { QStringLiteral("truncated"), m_stats.truncated },
            { QStringLiteral("peakConcurrency"), m_stats.peakConcurrency },
            { QStringLiteral("maxInAnyWindow"), maxInAnyWindow(arrivals(), m_options.windowMs) },
        })
        .toJson(QJsonDocument::Compact);
}

void FakeGleif::send(QTcpSocket *socket, const Answer &answer, bool counted, bool closeAfter)
{
    QPointer<QTcpSocket> guard(socket);
    const auto write = [this, guard, answer, counted, closeAfter] {
        if (counted)
            --m_active;
        if (!guard)
            return; // the client gave up (timeout, cancel)
        QTcpSocket *s = guard.data();
        const bool cutConnection
            = answer.truncate && m_options.truncation == Truncation::Connection;
        QByteArray body = answer.body;
        qsizetype declared = body.size();
        if (answer.truncate) {
            body.truncate(body.size() / 2);
            if (!cutConnection)
                declared = body.size();
        }
        const bool huge = counted && answer.status == 200 && m_options.hugeBodyBytes > 0;
        const bool trickled = counted && m_options.trickleMs > 0;
        if (huge)
            declared = m_options.hugeBodyBytes;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + ' '
            + reasonPhrase(answer.status) + "\r\n" + "Content-Type: application/vnd.api+json\r\n";
        if (!huge || m_options.hugeBodyDeclared)
            head += "Content-Length: " + QByteArray::number(declared) + "\r\n";
        for (const auto &h : answer.headers)
            head += h.first + ": " + h.second + "\r\n";
        if (huge || trickled) {
            // Paced from here on: one answer per connection keeps the pacing simple.
            s->write(head + "Connection: close\r\n\r\n");
            if (huge)
                streamHugeBody(s);
            else
                trickle(s, body);
            return;
        }
        if (closeAfter || cutConnection)
            head += "Connection: close\r\n";
        head += "\r\n";
        s->write(head + body);
        if (closeAfter || cutConnection) {
            s->disconnectFromHost();
            return;
        }
        const auto it = m_connections.find(s);
        if (it != m_connections.end()) {
            it->busy = false;
            processBuffer(s);
        }
    };
    if (answer.delayMs > 0)
        QTimer::singleShot(answer.delayMs, Qt::PreciseTimer, this, write);
    else
        write();
}

void FakeGleif::streamHugeBody(QTcpSocket *socket)
{
    // Valid JSON once complete, so that only its size can be held against it. Written as the
    // socket drains, a chunk at a time: the fake never holds the body itself.
    static const QByteArray head = R"({"meta":{},"data":[)";
    static const QByteArray tail = "]}";
    static constexpr qint64 chunk = 64 * 1024;
    static constexpr qint64 queuedAtMost = 256 * 1024;
    const qint64 total = std::max<qint64>(m_options.hugeBodyBytes, head.size() + tail.size());
    auto sent = std::make_shared<qint64>(0);
    const auto pump = [socket, sent, total] {
        while (*sent < total && socket->bytesToWrite() < queuedAtMost) {
            const qint64 n = std::min(chunk, total - *sent);
            QByteArray bytes(n, ' ');
            const qint64 from = *sent, to = *sent + n, tailAt = total - tail.size();
            for (qint64 at = from; at < std::min<qint64>(to, head.size()); ++at)
                bytes[at - from] = head[at];
            for (qint64 at = std::max(from, tailAt); at < to; ++at)
                bytes[at - from] = tail[at - tailAt];
            socket->write(bytes);
            *sent += n;
        }
        if (*sent >= total && socket->bytesToWrite() == 0)
            socket->disconnectFromHost();
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, pump);
    pump();
}

void FakeGleif::trickle(QTcpSocket *socket, const QByteArray &bytes)
{
    auto *timer = new QTimer(socket); // stops when the client hangs up
    auto offset = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, socket, [socket, timer, bytes, offset] {
        if (*offset < bytes.size())
            socket->write(bytes.mid((*offset)++, 1));
        if (*offset >= bytes.size()) {
            timer->stop();
            socket->disconnectFromHost();
        }
    });
    timer->start(m_options.trickleMs);
}

// ---- Golden Copy and mapping APIs (issue 13) -------------------------------------------------

namespace {

const QString goldenCopyPrefix = QStringLiteral("/goldencopy/api/v2");
const QString mappingPrefix = QStringLiteral("/mapping/api/v2");
const QString deltaNames[] = { QStringLiteral("IntraDay"), QStringLiteral("LastDay"),
    QStringLiteral("LastWeek"), QStringLiteral("LastMonth") };

qint64 realSize(const FakeGleif::PublishedFile &file)
{
    return file.path.isEmpty() ? file.bytes.size() : QFileInfo(file.path).size();
}

QString gleifDate(const QDateTime &date)
{
    return date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

QUrl FakeGleif::goldenCopyBaseUrl() const
{
    QUrl url = origin();
    url.setPath(goldenCopyPrefix);
    return url;
}

QUrl FakeGleif::mappingBaseUrl() const
{
    QUrl url = origin();
    url.setPath(mappingPrefix);
    return url;
}

void FakeGleif::setGoldenCopyPublishDate(const QDateTime &date)
{
    m_publishDate = date;
}

void FakeGleif::setMappingUploadedAt(const QDateTime &date)
{
    m_mappingUploadedAt = date;
}

void FakeGleif::addPublishedFile(const PublishedFile &file)
{
    m_published.removeIf([&](const PublishedFile &f) { return f.type == file.type && f.delta == file.delta; });
    m_published.append(file);
}

void FakeGleif::clearPublishedFiles()
{
    m_published.clear();
}

void FakeGleif::setDownloadFaults(const DownloadFaults &faults)
{
    m_faults = faults;
    m_cutDone = false;
}

QString FakeGleif::storagePath(const PublishedFile &file) const
{
    if (file.type == u"bic-map")
        return QStringLiteral("/storage/mapping/LEI-BIC-") + m_mappingUploadedAt.toUTC().toString(QStringLiteral("yyyyMMdd")) + QStringLiteral(".zip");
    static const QHash<QString, QString> suffixes { { QString(), QStringLiteral("golden-copy") },
        { QStringLiteral("IntraDay"), QStringLiteral("intra-day") }, { QStringLiteral("LastDay"), QStringLiteral("last-day") },
        { QStringLiteral("LastWeek"), QStringLiteral("last-week") }, { QStringLiteral("LastMonth"), QStringLiteral("last-month") } };
    const QDateTime d = m_publishDate.toUTC();
    return QStringLiteral("/storage/golden-copy-files/") + d.toString(QStringLiteral("yyyy/MM/dd")) + QStringLiteral("/1/")
        + d.toString(QStringLiteral("yyyyMMdd-HHmm")) + QStringLiteral("-gleif-goldencopy-") + file.type + u'-'
        + suffixes.value(file.delta) + QStringLiteral(".csv.zip");
}

// {full_file, delta_files} of a type, null when it has no full file.
QJsonObject FakeGleif::publishedType(const QString &type) const
{
    const auto describe = [&](const PublishedFile &f) {
        QString url = goldenCopyBaseUrl().toString() + QStringLiteral("/golden-copies/publishes/") + type + QStringLiteral("/latest.csv");
        if (!f.delta.isEmpty())
            url += QStringLiteral("?delta=") + f.delta;
        const qint64 size = f.publishedSize >= 0 ? f.publishedSize : realSize(f);
        QJsonObject formats;
        for (const QString &format : { QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("xml") }) {
            formats.insert(format, QJsonObject {
                { QStringLiteral("type"), type }, { QStringLiteral("format"), format },
                { QStringLiteral("record_count"), double(f.recordCount) }, { QStringLiteral("size"), double(size) },
                { QStringLiteral("size_human_readable"), QLocale::c().formattedDataSize(size) },
                { QStringLiteral("delta_type"), f.delta.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.delta) },
                // Only the CSV is served; the others name where GLEIF would have them.
                { QStringLiteral("url"), format == u"csv" ? url : QString(url).replace(QStringLiteral(".csv"), u'.' + format) } });
        }
        return formats;
    };
    QJsonObject result;
    QJsonObject deltas;
    for (const PublishedFile &f : m_published) {
        if (f.type != type)
            continue;
        if (f.delta.isEmpty())
            result.insert(QStringLiteral("full_file"), describe(f));
        else
            deltas.insert(f.delta, describe(f));
    }
    if (result.isEmpty())
        return {};
    result.insert(QStringLiteral("delta_files"), deltas.isEmpty() ? QJsonValue(QJsonArray()) : QJsonValue(deltas));
    return result;
}

bool FakeGleif::serveGoldenCopy(QTcpSocket *socket, const QByteArray &target,
    const QHash<QByteArray, QByteArray> &headers, bool closeAfter)
{
    const qsizetype question = target.indexOf('?');
    const QString path = QUrl::fromPercentEncoding(target.left(question < 0 ? target.size() : question));
    const QUrlQuery query(question < 0 ? QString() : QString::fromLatin1(target.mid(question + 1)));
    const bool golden = path.startsWith(goldenCopyPrefix + u'/');
    const bool mapping = path.startsWith(mappingPrefix + u'/');
    if (!golden && !mapping && !path.startsWith(QLatin1String("/storage/")))
        return false;

    Answer answer;
    const auto json = [&](const QJsonObject &o) {
        answer.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    const auto notFound = [&] {
        answer.status = 404;
        answer.body = jsonApiError(404, QStringLiteral("Not Found"), QStringLiteral("No such route"));
    };
    const auto redirect = [&](const QString &to) {
        answer.status = 302;
        answer.headers.append({ "Location", origin().toEncoded() + QUrl::toPercentEncoding(to, "/") });
    };
    const auto findFile = [&](const QString &type, const QString &delta) -> const PublishedFile * {
        for (const PublishedFile &f : m_published)
            if (f.type == type && f.delta == delta)
                return &f;
        return nullptr;
    };
    const QStringList types { QStringLiteral("lei2"), QStringLiteral("rr"), QStringLiteral("repex") };

    if (golden) {
        const QString rest = path.mid(goldenCopyPrefix.size() + 1);
        const QStringList parts = rest.split(u'/');
        QJsonObject latest { { QStringLiteral("publish_date"), gleifDate(m_publishDate) } };
        for (const QString &type : types)
            if (const QJsonObject t = publishedType(type); !t.isEmpty())
                latest.insert(type, t);
        if (rest == u"golden-copies/publishes") {
            json({ { QStringLiteral("data"), QJsonArray { latest } },
                { QStringLiteral("meta"), QJsonObject { { QStringLiteral("pagination"),
                    QJsonObject { { QStringLiteral("current_page"), 1 }, { QStringLiteral("per_page"), 10 },
                        { QStringLiteral("from"), 1 }, { QStringLiteral("to"), 1 }, { QStringLiteral("total"), 1 },
                        { QStringLiteral("last_page"), 1 } } } } } });
        } else if (rest == u"golden-copies/publishes/latest") {
            json({ { QStringLiteral("data"), latest } });
        } else if (parts.size() == 4 && rest.startsWith(QLatin1String("golden-copies/publishes/")) && types.contains(parts[2])
            && parts[3] == u"latest" && !publishedType(parts[2]).isEmpty()) {
            QJsonObject t = publishedType(parts[2]);
            t.insert(QStringLiteral("publish_date"), gleifDate(m_publishDate));
            json({ { QStringLiteral("data"), t } });
        } else if (parts.size() == 4 && rest.startsWith(QLatin1String("golden-copies/publishes/")) && types.contains(parts[2])
            && parts[3] == u"latest.csv") {
            const QString delta = query.queryItemValue(QStringLiteral("delta"));
            if (const PublishedFile *f = findFile(parts[2], delta))
                redirect(storagePath(*f));
            else
                notFound();
        } else {
            notFound();
        }
        send(socket, answer, false, closeAfter);
        return true;
    }
    if (mapping) {
        const QString rest = path.mid(mappingPrefix.size() + 1);
        const PublishedFile *map = findFile(QStringLiteral("bic-map"), QString());
        if (!map) {
            notFound();
        } else if (rest == u"bic-lei/latest") {
            json({ { QStringLiteral("data"), QJsonObject {
                { QStringLiteral("type"), QStringLiteral("bic-lei") }, { QStringLiteral("id"), QStringLiteral("1") },
                { QStringLiteral("attributes"), QJsonObject {
                    { QStringLiteral("fileName"), storagePath(*map).section(u'/', -1) },
                    { QStringLiteral("uploadedAt"), m_mappingUploadedAt.toUTC().toString(Qt::ISODateWithMs) },
                    { QStringLiteral("downloadLink"), QString(mappingBaseUrl().toString() + QStringLiteral("/bic-lei/1/download")) } } } } } });
        } else if (rest == u"bic-lei/1/download") {
            redirect(storagePath(*map));
        } else {
            notFound();
        }
        send(socket, answer, false, closeAfter);
        return true;
    }
    for (const PublishedFile &f : std::as_const(m_published)) {
        if (storagePath(f) == path) {
            serveStorage(socket, f, headers);
            return true;
        }
    }
    m_storageLog.append({ path, headers.value("range"), headers.value("if-range"), 404 });
    notFound();
    send(socket, answer, false, true);
    return true;
}

void FakeGleif::serveStorage(QTcpSocket *socket, const PublishedFile &file,
    const QHash<QByteArray, QByteArray> &headers)
{
    StorageRequest logged { storagePath(file), headers.value("range"), headers.value("if-range"), 200 };
    const qint64 size = realSize(file);
    const QByteArray etag = '"'
        + (file.path.isEmpty() ? QCryptographicHash::hash(file.bytes, QCryptographicHash::Sha1).toHex().left(16)
                               : QByteArray::number(size) + '-' + QByteArray::number(QFileInfo(file.path).lastModified().toMSecsSinceEpoch()))
        + '"';
    const QByteArray lastModified = QLocale::c().toString(m_publishDate.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
    const auto refuse = [&](int status, const QByteArray &extra) {
        logged.status = status;
        m_storageLog.append(logged);
        const QByteArray body = reasonPhrase(status);
        socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n" + extra + "Connection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    };
    if (m_faults.notFound)
        return refuse(404, {});

    qint64 from = 0, to = size - 1;
    const QByteArray ifRange = logged.ifRange;
    if (!logged.range.isEmpty() && !m_faults.ignoreRange && (ifRange.isEmpty() || ifRange == etag || ifRange == lastModified)) {
        const QList<QByteArray> bounds = logged.range.startsWith("bytes=") ? logged.range.mid(6).split('-') : QList<QByteArray>();
        bool ok = bounds.size() == 2;
        const qint64 first = ok ? bounds[0].toLongLong(&ok) : -1;
        bool lastOk = true;
        const qint64 last = ok && !bounds[1].isEmpty() ? bounds[1].toLongLong(&lastOk) : size - 1;
        if (!ok || !lastOk || first >= size || last < first)
            return refuse(416, "Content-Range: bytes */" + QByteArray::number(size) + "\r\n");
        from = first;
        to = std::min(last, size - 1);
        logged.status = 206;
    }
    m_storageLog.append(logged);
    const qint64 count = to - from + 1;
    qint64 limit = count;
    bool stall = false;
    if (m_faults.cutAfterBytes >= 0 && (m_faults.cutEveryTime || !m_cutDone)) {
        m_cutDone = true;
        limit = std::min(limit, m_faults.cutAfterBytes);
    }
    if (m_faults.stallAfterBytes >= 0 && m_faults.stallAfterBytes < limit) {
        limit = m_faults.stallAfterBytes;
        stall = true;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(logged.status) + ' ' + (logged.status == 206 ? QByteArray("Partial Content") : reasonPhrase(200))
        + "\r\nContent-Type: application/zip\r\nContent-Length: " + QByteArray::number(count) + "\r\nAccept-Ranges: bytes\r\nETag: "
        + etag + "\r\nLast-Modified: " + lastModified + "\r\n";
    if (logged.status == 206)
        head += "Content-Range: bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/' + QByteArray::number(size) + "\r\n";
    socket->write(head + "Connection: close\r\n\r\n");

    QIODevice *device = nullptr; // goes with the socket
    if (file.path.isEmpty()) {
        auto *buffer = new QBuffer(socket);
        buffer->setData(file.bytes);
        device = buffer;
    } else {
        device = new QFile(file.path, socket);
    }
    if (!device->open(QIODevice::ReadOnly) || !device->seek(from)) {
        socket->abort();
        return;
    }
    // Written as the socket drains, a chunk at a time: a large file is never held in memory.
    auto sent = std::make_shared<qint64>(0);
    auto closing = std::make_shared<bool>(false);
    const auto pump = [socket, device, sent, closing, limit, stall] {
        while (*sent < limit && socket->bytesToWrite() < 256 * 1024) {
            const QByteArray chunk = device->read(std::min<qint64>(64 * 1024, limit - *sent));
            if (chunk.isEmpty())
                break;
            socket->write(chunk);
            *sent += chunk.size();
        }
        if (*sent >= limit && !stall && !*closing) {
            *closing = true;
            socket->disconnectFromHost(); // after what is queued: the whole answer, or a cut one
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, pump);
    pump();
}
