#pragma once
// The run side of matching (product contract, "Matching"): before an enrichment reads its
// LEIs, finds the LEI of each row that lacks one from its name, country and BIC.
#include "gleifclient.h"
#include "matchtypes.h"

#include <QHash>
#include <QObject>
#include <QVector>

#include <memory>
#include <vector>

class CsvFile;
class AnswerStore;
class QThreadPool;

// Which input columns a run matches by; -1: none.
struct MatchColumns
{
    int name = -1;
    int country = -1; // ISO alpha-2, alpha-3 or an English name
    int bic = -1;
    bool acceptProbable = false; // --accept probable: probable rows are enriched too
    bool enabled() const { return name >= 0 || bic >= 0; }
};

// Asks each distinct (name, country, BIC) of the rows considered (LEI empty or invalid; every
// row without an LEI column) once: review decisions first (`accepted`), then candidates from
// the mirror (MirrorStore::matchCandidates) or from GLEIF's API (one fuzzycompletions request
// per distinct name, one filter[bic] per distinct BIC, the named entities' records through the
// ordinary filter[lei] batches; searches and records kept in the cache), ranked by Match::rank.
class MatchStage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatchStage)
public:
    struct Sources
    {
        // The run's store (cache and mirror); may be null. Used on `cacheThread` only.
        std::shared_ptr<AnswerStore> store;
        QThreadPool *cacheThread = nullptr;  // one thread: the store's
        GleifSettings gleif;
        bool offline = false; // the cache only
        bool refresh = false; // ask GLEIF again whatever the cache holds
    };

    explicit MatchStage(QObject *parent = nullptr);
    ~MatchStage() override;

    // Reads the rows (the LEI column may be -1) and starts; finished() follows, also when no row
    // is considered.
    void start(const CsvFile &file, int leiColumn, const MatchColumns &columns, const Sources &sources);
    void cancel(); // no signal follows
    GleifCounters counters() const;

    // After finished(): per row the index of its result, -1 for a row not considered.
    const std::vector<qint32> &rowResults() const { return m_rowQuery; }
    const QVector<Match::Result> &results() const { return m_results; }

    static QString statusCode(Match::Status status); // exact, probable, ambiguous, none, accepted

Q_SIGNALS:
    void finished();
    // The searches GLEIF's API is asked take a minute or more at the rate limit: how many, how long.
    void noticeAdded(const QString &notice);

private:
    template <typename Work, typename Then>
    void onCacheThread(Work work, Then then);
    void search();
    void searchApi(const QHash<QString, QStringList> &cached);
    void onSearchAnswers(const QVector<ResourceAnswer> &answers);
    void fetchRecords();
    void afterRecordCache(const QHash<QString, struct CachedAnswer> &cached);
    void onRecords(const QVector<LookupResult> &results);
    void rankAll(const QVector<QVector<Match::Entity>> &mirrored);
    void finish();
    void storeInCache(std::function<void(AnswerStore &)> write);
    void newClientRun();

    Sources m_sources;
    MatchColumns m_columns;
    std::vector<qint32> m_rowQuery;
    QVector<Match::Query> m_queries;
    QVector<Match::Result> m_results;
    std::vector<bool> m_open; // still to search (not decided, not judged without a search)
    QHash<QString, QStringList> m_searchLeis; // search key -> the LEIs it named
    QHash<QString, QString> m_searchFailed; // search key -> why it has no answer
    QHash<QString, QString> m_pathKey; // request path -> search key
    QHash<QString, GleifRecord> m_records; // the named entities
    enum class Step { Idle, Searching, Records };
    Step m_step = Step::Idle;
    GleifClient *m_client = nullptr;
    GleifCounters m_earlier; // the client's runs before its current one
    quint64 m_generation = 0;
    bool m_running = false;
};
