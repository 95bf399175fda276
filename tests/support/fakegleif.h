#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <QVector>

#include <deque>
#include <functional>

class QTcpServer;
class QTcpSocket;

// A local GLEIF API v1 on 127.0.0.1, answering the way the real one does (see
// docs/gleif-api.md): default page size 15, page[size] over 200 rejected, pagination meta and
// links, records in its own order, unknown LEIs simply absent, single-record 404s. On request it
// misbehaves the way the real one can: latency, a rolling-window rate limit answering 429 with
// Retry-After, 5xx every k-th request, cut answers for chosen LEIs, scripted answers; and the
// way a hostile or broken server could: endless empty pages, huge bodies (streamed, never held
// in memory), bodies trickled byte by byte, redirects to another origin.
//
// Plain HTTP/1.1 over QTcpServer, because cut bodies and dropped connections are part of the job.
// Lives in one thread; everything is driven by that thread's event loop.
class FakeGleif final : public QObject
{
    Q_OBJECT
public:
    enum class Truncation {
        Body, // a complete HTTP answer whose JSON stops half way
        Connection, // Content-Length promises the whole body, the connection closes half way
    };

    struct Options
    {
        int latencyMs = 0; // before every API answer
        int rateLimit = 0; // requests per rolling window, 0 for none; every arrival counts
        int windowMs = 60000;
        bool sendRetryAfter = true; // with 429s
        int serverErrorEvery = 0; // every k-th API request gets serverErrorStatus, 0 for never
        int serverErrorStatus = 503;
        QStringList truncateLeis; // a request naming one of these gets a cut answer
        Truncation truncation = Truncation::Body;
        QStringList errorLeis; // a request naming one of these gets HTTP 500, always
        int defaultPageSize = 15;
        int maxPageSize = 200;
        int pageSizeCap = 0; // pages hold at most this many, whatever page[size] says
        int maxUrlLength = 0; // longer request targets get 414, 0 for no limit
        int syntheticEntities = 0; // LEIs syntheticLei(0..n-1) exist
        // Synthetic entities of varied LEI health by index (syntheticHealth()); otherwise every
        // 11th is LAPSED and INACTIVE, the rest ISSUED and ACTIVE.
        bool healthVariety = false;
        bool loadSampleRecords = true; // the seven records of resources/gleif_sample_records.json
        quint32 seed = 1; // the order of `data`
        // Hostile modes, for the client's bounds on a lookup answer.
        bool endlessPages = false; // lists claim lastPage 1000000; pages past the real ones empty
        qint64 hugeBodyBytes = 0; // 200 answers become a JSON body this long (padded), streamed
        bool hugeBodyDeclared = true; // with Content-Length; false: no length, ends at close
        int trickleMs = 0; // API answers' bodies go out one byte every trickleMs
        QUrl redirectTo; // API requests get a 302 to the same target at this origin
    };
    static constexpr int endlessLastPage = 1000000;

    // Served, in order, to the next API requests instead of (status != 0) or after (status == 0,
    // just delayed) the normal answer.
    struct Scripted
    {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        int delayMs = 0;
    };

    struct Stats
    {
        int requests = 0; // API requests, rejected ones included
        qint64 leisAsked = 0; // filter[lei] values, summed over requests
        int tooManyRequests = 0; // 429s served
        int serverErrors = 0; // 5xx served
        int truncated = 0; // cut answers served
        int peakConcurrency = 0; // requests being answered at the same time
    };

    struct LoggedRequest
    {
        qint64 arrivedMs = 0; // since the fake was created
        QByteArray target; // as on the request line
        QString path; // decoded
        QUrlQuery query;
        QStringList leis; // filter[lei], or the LEI of a single-record request
        QByteArray userAgent;
        QByteArray accept;
        int status = 0; // what it was answered
    };

    explicit FakeGleif(QObject *parent = nullptr);
    explicit FakeGleif(const Options &options, QObject *parent = nullptr);
    ~FakeGleif() override;
    Q_DISABLE_COPY_MOVE(FakeGleif)

    // On 127.0.0.1 unless told (another loopback address, e.g. 127.0.0.2, is another host);
    // port 0 picks a free one.
    bool listen(quint16 port = 0, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT/api/v1
    QUrl origin() const; // http://127.0.0.1:PORT
    QString errorString() const;

    Options options() const { return m_options; }
    // Applies to the next requests; loadSampleRecords only counts at construction.
    void setOptions(const Options &options);

    // A JSON array of lei-records, as in resources/gleif_sample_records.json.
    bool loadRecords(const QString &path, QString *error = nullptr);
    void addRecord(const QJsonObject &record);
    void removeAllRecords();
    int recordCount() const { return int(m_records.size()) + m_options.syntheticEntities; }
    bool knows(const QString &lei) const;
    QJsonObject record(const QString &lei) const;

    static QString sampleRecordsPath();
    // A valid LEI (check digits right) that no real entity has: FAKE00 + 12 digits + check.
    static QString syntheticLei(int index);
    // A record in the real shape; some have a null bic, some a null legalName.name.
    static QJsonObject syntheticRecord(int index);
    // With healthVariety, by index % 8: 0 healthy, 1 LAPSED, 2 RETIRED, 3 MERGED with a
    // successorEntity (the next index), 4 INACTIVE, 5 renewal in 10 days, 6 ANNULLED with
    // successorEntities[] (the previous index), 7 PENDING_TRANSFER renewing in 31 days.
    static QJsonObject syntheticRecord(int index, bool healthVariety);
    // The LEI health codes such a record earns on today's (UTC) date.
    static QStringList syntheticHealth(int index, bool healthVariety);
    static bool syntheticHasNullBic(int index) { return index % 5 == 3; }
    static bool syntheticHasNullName(int index) { return index % 7 == 5; }

    // Accounting-consolidation parents of synthetic entities, by index % 10 in groups of ten
    // (the group's head is index - index % 10): 0 neither (the head); 1, 3 head as direct and
    // ultimate parent; 2 entity 1 of the group as direct, the head as ultimate parent; 4 both
    // exceptions NON_CONSOLIDATING; 5 both NATURAL_PERSONS; 6 direct NON_PUBLIC only; 7 ultimate
    // NO_KNOWN_PERSON only; 8, 9 neither. So 30 % have parents, 40 % an exception. The records'
    // `relationships` links and the per-LEI endpoints agree; loaded records have neither.
    struct SyntheticParent
    {
        int parentIndex = -1; // a parent is reported
        QString exception; // else a reporting-exception reason, else neither
    };
    static SyntheticParent syntheticDirectParent(int index);
    static SyntheticParent syntheticUltimateParent(int index);

    void enqueue(const Scripted &response);

    Stats stats() const { return m_stats; }
    const QVector<LoggedRequest> &log() const { return m_log; }
    // Logged requests for the parent and reporting-exception endpoints ({LEI}/direct-parent, ...).
    int parentRequests() const;
    // Logged name and BIC searches (matching): fuzzycompletions, and lei-records filtered by
    // entity.legalName or bic. The fake searches its loaded records (not the synthetic ones).
    int searchRequests() const;
    QVector<qint64> arrivals() const; // of API requests, in ms since creation
    void clearStats();

    // The most arrivals that fit in any window of windowMs (a rolling-window limit's check).
    static int maxInAnyWindow(QVector<qint64> arrivalsMs, qint64 windowMs);

    // Replaces the clock of arrivals and of the rate limit (ms); tests drive it by hand.
    void setClock(std::function<qint64()> nowMs) { m_now = std::move(nowMs); }

    // The Golden Copy and mapping APIs (issue 13). Under goldenCopyBaseUrl():
    // golden-copies/publishes (a list of one), publishes/latest, publishes/{type}/latest and
    // publishes/{type}/latest.csv[?delta=...], which answers 302 to /storage/golden-copy-files/...;
    // under mappingBaseUrl(): bic-lei/latest and its downloadLink (302 to /storage/mapping/...).
    // Storage answers carry ETag, Last-Modified and Accept-Ranges, and honour one `Range: bytes=`
    // (206, 416 past the end) unless If-Range names another version. Not rate-limited or logged
    // with the API requests: storageLog() has them.
    struct PublishedFile
    {
        QString type; // lei2, rr, repex, or bic-map
        QString delta; // empty for the full file, else IntraDay, LastDay, LastWeek or LastMonth
        QByteArray bytes; // the file's bytes, or
        QString path; // a file served as it goes out (large files)
        qint64 recordCount = 0;
        qint64 publishedSize = -1; // the `size` the metadata states (a wrong one); -1: the real size
    };
    struct DownloadFaults
    {
        qint64 cutAfterBytes = -1; // a storage answer's connection closes after this many body bytes
        bool cutEveryTime = false; // else only the first storage answer after setDownloadFaults()
        qint64 stallAfterBytes = -1; // a storage answer stops sending after this many (left open)
        bool ignoreRange = false; // a Range request gets 200 and the whole file
        bool notFound = false; // storage answers 404
    };
    struct StorageRequest
    {
        QString path;
        QByteArray range; // the Range header, empty when none
        QByteArray ifRange;
        int status = 0;
    };
    QUrl goldenCopyBaseUrl() const; // http://127.0.0.1:PORT/goldencopy/api/v2
    QUrl mappingBaseUrl() const; // http://127.0.0.1:PORT/mapping/api/v2
    void setGoldenCopyPublishDate(const QDateTime &date); // default 2026-09-30 08:00 UTC
    void setMappingUploadedAt(const QDateTime &date); // default 2026-09-01 00:00 UTC
    // Replaces a file of the same type and delta. The full file of each of lei2, rr and repex
    // makes a complete `publishes/latest`; bic-map makes `bic-lei/latest` answer (else 404).
    void addPublishedFile(const PublishedFile &file);
    void clearPublishedFiles();
    void setDownloadFaults(const DownloadFaults &faults);
    const QVector<StorageRequest> &storageLog() const { return m_storageLog; }

Q_SIGNALS:
    void requestArrived(const QByteArray &target);

private:
    struct Connection
    {
        QByteArray buffer;
        bool busy = false; // answering; HTTP/1.1 answers go out in order
    };
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool truncate = false;
        int delayMs = 0;
    };

    void onNewConnection();
    void processBuffer(QTcpSocket *socket);
    Answer handle(const QByteArray &target, const QHash<QByteArray, QByteArray> &headers);
    Answer listRecords(const LoggedRequest &request);
    Answer singleRecord(const QString &lei);
    // fuzzycompletions?field=entity.legalName|fulltext&q=...: up to 10 loaded records whose
    // legal name shares words with q (a word of 4+ letters may differ by one edit), most shared first.
    Answer fuzzyCompletions(const LoggedRequest &request);
    // {LEI}/direct-parent, /ultimate-parent, /…-parent-relationship, /…-reporting-exception.
    Answer relationshipResource(const QString &lei, const QString &resource);
    static QJsonObject syntheticRelationships(int index);
    QByteArray statsJson() const;
    void send(QTcpSocket *socket, const Answer &answer, bool counted, bool closeAfter);
    void streamHugeBody(QTcpSocket *socket);
    void trickle(QTcpSocket *socket, const QByteArray &bytes);
    qint64 now() const { return m_now ? m_now() : m_clock.elapsed(); }
    int syntheticIndex(const QString &lei) const;

    // Golden Copy and mapping (issue 13).
    bool serveGoldenCopy(QTcpSocket *socket, const QByteArray &target,
        const QHash<QByteArray, QByteArray> &headers, bool closeAfter);
    QJsonObject publishedType(const QString &type) const;
    QString storagePath(const PublishedFile &file) const;
    void serveStorage(QTcpSocket *socket, const PublishedFile &file,
        const QHash<QByteArray, QByteArray> &headers);
    QDateTime m_publishDate = QDateTime(QDate(2026, 9, 30), QTime(8, 0), Qt::UTC);
    QDateTime m_mappingUploadedAt = QDateTime(QDate(2026, 9, 1), QTime(0, 0), Qt::UTC);
    QList<PublishedFile> m_published;
    DownloadFaults m_faults;
    bool m_cutDone = false;
    QVector<StorageRequest> m_storageLog;

    Options m_options;
    QTcpServer *m_server;
    QHash<QTcpSocket *, Connection> m_connections;
    QHash<QString, QJsonObject> m_records;
    QList<Scripted> m_script;
    QElapsedTimer m_clock;
    std::function<qint64()> m_now;
    std::deque<qint64> m_window; // arrivals inside the rate-limit window
    int m_apiRequests = 0; // for serverErrorEvery
    int m_active = 0;
    Stats m_stats;
    QVector<LoggedRequest> m_log;
};
