#pragma once

#include "costrules.h"
#include "fieldcatalogue.h"
#include "enrichmentresults.h"
#include "gleifsettings.h"
#include "healthwarnings.h"
#include "gleifclient.h"
#include "matchstage.h"
#include "parentclient.h"

#include <QDate>
#include <QElapsedTimer>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

class CsvFile;
class GleifClient;
class AnswerStore;
struct MirrorAnswer;

struct EnrichmentSettings
{
    // Where answers come from (product contract, "Mirror"): Auto takes, per LEI, the fresher of
    // the cache entry and the mirror record within the lifetime, else asks GLEIF's API; Api
    // never reads the mirror; Mirror reads only the mirror (no network, no cache).
    enum class Source { Auto, Api, Mirror };
    static constexpr Source DefaultSource = Source::Auto;
    Source source = Source::Api; // the programs default to Auto; Api keeps tests off any mirror
    QString mirrorPath;          // empty: MirrorStore::resolvePath("")
    GleifSettings gleif;
    QString cachePath;    // empty: LeiCache::resolvePath("")
    // Another store than the cache and mirror files named here (a team store; tests): when set,
    // the run keeps and finds its answers there only.
    std::shared_ptr<AnswerStore> store;
    bool useCache = true; // false: no cache file at all (tests)
    std::chrono::seconds lifetime = std::chrono::hours(24);
    std::chrono::seconds notFoundLifetime = std::chrono::hours(1);
    bool offline = false; // cache only
    bool refresh = false; // fetch everything again
    QVector<Fields::Id> fields = Fields::defaults(); // the GLEIF columns added, in this order
    QDate runDate; // the run's date for leiWarning (renewal_due); invalid: today (UTC)
    // How the input writes numbers: nullopt detects it from the numbers the cost rules read
    // (--decimal-comma / --decimal-point force one).
    std::optional<Number::Convention> convention;
    // Parent fields: true stops the run once the parent lookups it must make online are costed
    // (parentsCostKnown()) until approveParents() says whether to make them; false makes them.
    bool confirmParents = false;
    // Matching (product contract, "Matching"): the columns rows lacking an LEI are matched by.
    // With a name or BIC column the LEI column may be -1 (every row is matched).
    MatchColumns match;
};

struct EnrichmentProgress
{
    qint64 distinct = 0;   // distinct valid LEIs
    qint64 resolved = 0;   // of those, with an answer (found, not found or failed)
    qint64 fromCache = 0;
    qint64 fromMirror = 0; // answered by the local Golden Copy mirror
    qint64 fetched = 0;    // answered by GLEIF in this run
    qint64 failed = 0;
    qint64 stale = 0;      // expired cache entries used because GLEIF could not be reached
    int requests = 0;
    int retries = 0;
    int tooManyRequests = 0;
    qint64 rows = 0;
    qint64 rowsDone = 0;   // rows with a final status
    qint64 parentsLeft = 0; // LEIs whose parents are being asked from GLEIF
    double rateLimitWait = 0; // seconds the next request still waits for GLEIF's rate limit
    double seconds = 0;
    double secondsLeft = -1; // -1: not known yet
};

// One enrichment run over a loaded CSV: checks every LEI, takes fresh answers from the cache,
// fetches the rest from GLEIF (each distinct LEI once), writes every answer to the cache as it
// arrives, and fills the five output columns. It runs on the thread's event loop in short
// slices, so a GUI stays responsive; the CLI runs the same object under QCoreApplication.
class EnrichmentJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnrichmentJob)
public:
    explicit EnrichmentJob(QObject *parent = nullptr);
    ~EnrichmentJob() override;

    // Checks the rules against the header and opens the cache; returns false with `error`
    // (and nothing started) when the job cannot run. Cache trouble is a warning, not an error,
    // except a cache path naming a file that is not SQLite (LeiCache::unusableReason()).
    bool start(std::shared_ptr<CsvFile> file, int leiColumn, CostRules rules,
               const EnrichmentSettings &settings, QString *error);
    // Fetches again just the LEIs whose lookup failed, bypassing the cache.
    bool retryFailed();
    // Stops at once: requests are aborted, rows not reached stay `pending`. Every answer that
    // arrived is in the cache already. No signal follows except finished(false) not at all.
    void cancel();
    bool isRunning() const { return m_running; }
    // Cancels a run and forgets its results (another file was opened).
    void reset();
    const std::shared_ptr<CsvFile> &file() const { return m_file; }
    // After parentsCostKnown() with EnrichmentSettings::confirmParents: true makes the parent
    // lookups, false leaves those parent fields empty (a notice says how many were not made).
    void approveParents(bool go);
    bool awaitsParentApproval() const { return m_parentStage == ParentStage::AwaitingApproval; }

    std::shared_ptr<const EnrichmentResults> results() const { return m_results; }
    EnrichmentProgress progress() const;
    // E.g. the cache was moved aside, or cannot be written; they may arrive while running.
    QStringList notices() const { return m_notices; }

Q_SIGNALS:
    void progressChanged(const EnrichmentProgress &progress); // at most every 100 ms
    void rowsUpdated();                                         // results changed (throttled)
    void finished(bool complete);
    void noticeAdded(const QString &warning); // also kept in notices()
    // The parent lookups this run must make online (what the cache does not hold), once every
    // LEI is answered and before any of them is sent; not emitted when none is needed.
    void parentsCostKnown(const ParentCost &cost);

private:
    void runSlice();
    void scanSlice(const QElapsedTimer &budget);
    void afterScan();
    void indexRowsByLei();
    void afterCacheLookup(const QHash<QString, struct CachedAnswer> &cached,
                          const QHash<QString, MirrorAnswer> &mirrored);
    // Runs `work` on the cache thread, then `then` with its result on this object's thread,
    // unless another run started meanwhile.
    template <typename Work, typename Then>
    void onCacheThread(Work work, Then then);
    void computeSlice(const QElapsedTimer &budget);
    void computeRow(qint64 row, qint32 index);
    // A row's status, and its cost when Ok (written to the results); `reason` when bad_number.
    RowStatus statusOf(qint64 row, qint32 index, CostRules &rules, QString *reason);
    struct Computed; // what a thread's share of the in-order pass changed
    void computeRange(qint64 from, qint64 to, CostRules &rules, Computed *out);
    bool hasComputeWork() const;
    void onAnswers(const QVector<LookupResult> &answers);
    void settle(qint32 index, const LookupResult &result, bool fromCache);
    // The chosen fields' texts for a found answer (`use`: what it was settled with), once per LEI.
    QStringList valuesOf(qint32 index, const LeiAnswer &answer, const LookupResult &use) const;
    void queueRowsOf(qint32 index);
    // Parents (fields directParent*/ultimateParent*), once every LEI has its answer: what the
    // cache holds, then the rest from GLEIF through the job's client (one request per parent or
    // exception a record announces).
    void startParents();
    void afterParentCache(const QVector<GleifRecord> &asked, const QHash<QString, ParentResult> &cached);
    void fetchParents();
    void onParentResults(const QVector<ParentResult> &results);
    // Fills the parent fields and leiWarning of the answer `index` (found) from `parents`.
    void applyParents(qint32 index, const ParentResult &parents);
    void maybeFinish();
    void emitProgress(bool force);
    void scheduleSlice();
    void newClient();
    void addNotice(const QString &warning);

    std::shared_ptr<CsvFile> m_file;
    std::shared_ptr<EnrichmentResults> m_results;
    CostRules m_rules;
    CostRules m_helperRules; // a copy for the second thread of the in-order pass
    std::vector<int> m_ruleOf; // the cost rule of each found answer (by answer index)
    EnrichmentSettings m_settings;
    QDate m_runDate;
    int m_leiColumn = -1;
    std::shared_ptr<AnswerStore> m_store; // the cache and the mirror; used on the store thread only
    QHash<QString, ParentResult> m_mirrorParents; // of the LEIs the mirror answered, when asked for
    QDateTime m_mirrorPublished; // the mirror's LEI2 publication: the age of its "not found"
    // The cache is read and written on this one thread, so its queries never hold up the
    // window; writes keep their order.
    QThreadPool m_cacheThread;
    int m_pendingWrites = 0;
    quint64 m_run = 0; // tells a cache result of an earlier (cancelled) run apart
    bool m_awaitingCache = false;
    GleifClient *m_client = nullptr;
    QStringList m_notices;

    // Matching: the match stage finds the LEIs rows lack before the scan reads any.
    enum class Phase { Idle, Matching, Scanning, Resolving };
    Phase m_phase = Phase::Idle;
    bool m_running = false;
    bool m_fetching = false;
    qint64 m_scanRow = 0;
    QHash<QString, qint32> m_indexOf;
    QHash<QByteArray, qint32> m_cleanIndexOf; // the same by the cell's bytes, for clean LEIs: no QString a row
    std::vector<qint64> m_rowsStart; // rows of LEI i: m_rowsOf[m_rowsStart[i] .. m_rowsStart[i+1])
    std::vector<qint64> m_rowsOf;
    std::vector<qint32> m_computeQueue; // LEIs whose rows need their status and cost
    size_t m_queueHead = 0;
    qint64 m_rowCursor = -1;            // within the LEI at the queue head
    qint64 m_sequentialRow = -1;        // next row of the in-order pass, -1 when none is due
    QByteArray m_scratch;
    QHash<QString, LookupResult> m_expired; // stale fallbacks for LEIs being fetched
    QTimer m_sliceTimer;
    QTimer m_tick; // progress once a second while requests wait (a rate-limit wait sends nothing)
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceProgress;
    QElapsedTimer m_sinceRowsUpdated;
    EnrichmentProgress m_progress;
    HealthWarnings m_health; // LEI health, judged per LEI, put on the rows at the end
    GleifCounters m_earlierCounters; // the client's runs before its current one (parents)

    enum class ParentStage { Idle, CacheLookup, AwaitingApproval, Fetching };
    ParentStage m_parentStage = ParentStage::Idle;
    ParentClient::Which m_parentWhich {}; // none: no parent field chosen
    // Found LEIs whose records announce parents or exceptions (only the LEI and the links kept),
    // by answer index; the ones still to settle; the ones the cache did not hold.
    QHash<qint32, GleifRecord> m_parentLinks;
    QVector<GleifRecord> m_parentCandidates;
    QVector<GleifRecord> m_parentsToFetch;
    ParentCost m_parentCost;
    ParentClient *m_parentClient = nullptr;
    MatchStage *m_matchStage = nullptr;
    void afterMatching();
    // Why a considered row has no LEI: its own LEI's fault and the match's outcome.
    QString unmatchedReason(qint64 row, const Match::Result &match) const;
};
