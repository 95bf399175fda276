#include "matchstage.h"

#include "answerstore.h"
#include "csvfile.h"
#include "leicache.h"
#include "lei.h"
#include "namematcher.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

namespace {

// GLEIF's fuzzy completions name at most this many entities; a BIC search asks one page of this.
constexpr int kPageSize = 50;

QString nameKey(const QString &name) { return QStringLiteral("name:") + LeiCache::decisionKey(name); }
QString bicKey(const QString &bic) { return QStringLiteral("bic:") + bic; }

// An 8-character BIC is its head office, the XXX branch.
QString bic11(const QString &bic) { return bic.size() == 8 ? bic + QStringLiteral("XXX") : bic; }

// A name worth a search: two characters or more, a letter among them (legal form aside: "AG"
// alone names no entity).
bool searchableName(const QString &name)
{
    const QString n = Match::normalise(name).key();
    return n.size() >= 2 && std::any_of(n.cbegin(), n.cend(), [](QChar c) { return c.isLetter(); });
}

Match::Entity entityOf(const GleifRecord &r, bool byBic)
{
    Match::Entity e;
    e.lei = r.lei;
    e.legalName = r.legalName;
    e.otherNames = r.otherNames;
    e.legalCountry = r.country;
    e.hqCountry = r.hqCountry;
    e.legalForm = r.legalForm;
    e.registrationStatus = r.registrationStatus;
    e.entityStatus = r.entityStatus;
    e.city = r.city;
    e.byBic = byBic;
    return e;
}

} // namespace

template <typename Work, typename Then>
void MatchStage::onCacheThread(Work work, Then then)
{
    auto *watcher = new QFutureWatcher<std::invoke_result_t<Work>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, then = std::move(then), generation = m_generation] {
        watcher->deleteLater();
        if (generation == m_generation && m_running)
            then(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(m_sources.cacheThread, std::move(work)));
}

MatchStage::MatchStage(QObject *parent)
    : QObject(parent)
{
}

MatchStage::~MatchStage() = default;

QString MatchStage::statusCode(Match::Status status)
{
    switch (status) {
    case Match::Status::Exact: return QStringLiteral("exact");
    case Match::Status::Probable: return QStringLiteral("probable");
    case Match::Status::Ambiguous: return QStringLiteral("ambiguous");
    case Match::Status::None: return QStringLiteral("none");
    case Match::Status::Accepted: return QStringLiteral("accepted");
    }
    return {};
}

GleifCounters MatchStage::counters() const
{
    GleifCounters c = m_earlier;
    if (m_client)
        c.addRequests(m_client->counters());
    return c;
}

void MatchStage::start(const CsvFile &file, int leiColumn, const MatchColumns &columns, const Sources &sources)
{
    cancel();
    m_running = true;
    m_sources = sources;
    m_columns = columns;
    m_queries.clear();
    m_results.clear();
    m_open.clear();
    m_searchLeis.clear();
    m_searchFailed.clear();
    m_pathKey.clear();
    m_records.clear();
    m_earlier = {};
    delete m_client;
    m_client = new GleifClient(sources.gleif, this); // the process-wide rate limit, like the job's
    connect(m_client, &GleifClient::resourcesReady, this, &MatchStage::onSearchAnswers);
    connect(m_client, &GleifClient::resultsReady, this, &MatchStage::onRecords);
    connect(m_client, &GleifClient::finished, this, [this] {
        if (m_step == Step::Searching)
            fetchRecords();
        else if (m_step == Step::Records)
            rankAll({});
    });

    // One pass over the rows: the considered ones' queries, each distinct one once.
    const qint64 rows = file.rowCount();
    m_rowQuery.assign(size_t(rows), -1);
    QHash<QString, qint32> seen;
    static const QRegularExpression bicPattern(QStringLiteral("^[A-Z0-9]{8}([A-Z0-9]{3})?$"));
    for (qint64 row = 0; row < rows; ++row) {
        if (leiColumn >= 0 && Lei::check(Lei::normalise(file.cell(row, leiColumn))) == Lei::Check::Ok)
            continue;
        const QString name = columns.name >= 0 ? file.cell(row, columns.name).simplified() : QString();
        const QString countryText = columns.country >= 0 ? file.cell(row, columns.country).trimmed() : QString();
        const QString bic = columns.bic >= 0 ? file.cell(row, columns.bic).trimmed().toUpper() : QString();
        const QString key = name + u'\n' + countryText + u'\n' + bic;
        if (const auto it = seen.constFind(key); it != seen.constEnd()) {
            m_rowQuery[size_t(row)] = *it;
            continue;
        }
        Match::Query query{name, Match::countryCode(countryText), bic};
        Match::Result judged; // a reason set: none without a search
        if (!countryText.isEmpty() && query.country.isEmpty())
            judged.reason = tr("not a country: %1").arg(countryText);
        else if (!bic.isEmpty() && !bicPattern.match(bic).hasMatch())
            judged.reason = tr("not a BIC: %1").arg(bic);
        else if (bic.isEmpty() && name.isEmpty())
            judged.reason = columns.bic >= 0 ? tr("no name and no BIC") : tr("empty name");
        else if (bic.isEmpty() && Match::normalise(name).key().size() < 2)
            judged.reason = tr("name too short: %1").arg(name);
        else if (bic.isEmpty() && !searchableName(name))
            judged.reason = tr("no letters in the name: %1").arg(name);
        const qint32 index = qint32(m_queries.size());
        seen.insert(key, index);
        m_rowQuery[size_t(row)] = index;
        m_queries.append(query);
        m_results.append(judged);
        m_open.push_back(judged.reason.isEmpty());
    }

    // Review decisions first: a name decided once is not searched again.
    QList<QPair<QString, QString>> asked;
    QVector<qint32> askedIndex;
    for (qint32 i = 0; i < m_queries.size(); ++i) {
        if (m_open[size_t(i)] && !m_queries[i].name.isEmpty()) {
            asked.append({m_queries[i].name, m_queries[i].country});
            askedIndex.append(i);
        }
    }
    if (!m_sources.store || asked.isEmpty()) {
        QMetaObject::invokeMethod(this, &MatchStage::search, Qt::QueuedConnection);
        return;
    }
    onCacheThread([store = m_sources.store, asked] { return store->lookupDecisions(asked); }, [this, asked, askedIndex](const QHash<QString, QString> &decided) {
        for (qsizetype k = 0; k < asked.size(); ++k) {
            const QString lei = decided.value(LeiCache::decisionKey(asked[k].first) + u'\n' + asked[k].second);
            if (lei.isEmpty())
                continue;
            Match::Result &r = m_results[askedIndex[k]];
            r.status = Match::Status::Accepted;
            r.lei = lei;
            m_open[size_t(askedIndex[k])] = false;
        }
        search();
    });
}

void MatchStage::search()
{
    if (!m_running)
        return;
    QVector<Match::Query> open;
    for (qint32 i = 0; i < m_queries.size(); ++i)
        if (m_open[size_t(i)])
            open.append(m_queries[i]);
    if (open.isEmpty()) {
        finish();
        return;
    }
    m_step = Step::Searching;
    if (m_sources.store && m_sources.store->searchesLocally()) {
        onCacheThread([store = m_sources.store, open] { return store->matchCandidates(open); }, [this](const QVector<QVector<Match::Entity>> &mirrored) { rankAll(mirrored); });
        return;
    }
    QStringList keys;
    for (const Match::Query &q : std::as_const(open)) {
        if (searchableName(q.name))
            keys.append(nameKey(q.name));
        if (!q.bic.isEmpty())
            keys.append(bicKey(bic11(q.bic)));
    }
    keys.removeDuplicates();
    if (!m_sources.store || m_sources.refresh) {
        searchApi({});
        return;
    }
    onCacheThread([store = m_sources.store, keys] { return store->lookupSearches(keys); }, [this](const QHash<QString, QStringList> &cached) { searchApi(cached); });
}

void MatchStage::searchApi(const QHash<QString, QStringList> &known)
{
    QStringList paths;
    QSet<QString> asked;
    for (qint32 i = 0; i < m_queries.size(); ++i) {
        if (!m_open[size_t(i)])
            continue;
        const Match::Query &q = m_queries[i];
        QStringList keys;
        if (searchableName(q.name))
            keys.append(nameKey(q.name));
        if (!q.bic.isEmpty())
            keys.append(bicKey(bic11(q.bic)));
        for (const QString &key : std::as_const(keys)) {
            const auto it = known.constFind(key);
            if (it != known.constEnd()) {
                m_searchLeis.insert(key, *it);
                continue;
            }
            if (m_sources.offline) {
                m_searchFailed.insert(key, tr("not in the cache (offline)"));
                continue;
            }
            const QByteArray text = QUrl::toPercentEncoding(key.startsWith(u"bic:") ? key.mid(4) : q.name);
            const QString path = key.startsWith(u"bic:")
                ? QStringLiteral("lei-records?filter[bic]=%1&page[size]=%2").arg(QString::fromLatin1(text)).arg(kPageSize)
                : QStringLiteral("fuzzycompletions?field=entity.legalName&q=%1").arg(QString::fromLatin1(text));
            if (!asked.contains(key)) { // one request per name, whatever its case and spacing
                asked.insert(key);
                m_pathKey.insert(path, key);
                paths.append(path);
            }
        }
    }
    if (paths.isEmpty()) {
        fetchRecords();
        return;
    }
    const GleifSettings &g = m_sources.gleif;
    const double minutes = double(paths.size()) * double(g.window.count()) / 60000.0 / double(std::max(g.requestsPerMinute, 1));
    if (minutes >= 1)
        Q_EMIT noticeAdded(tr("matching asks GLEIF %1 name or BIC searches, about %2 minutes at %3 requests a minute; "
                              "a GLEIF mirror (lei-enrich mirror update) answers them with no request")
                               .arg(paths.size()).arg(minutes, 0, 'f', 1).arg(g.requestsPerMinute));
    newClientRun();
    m_client->fetchPaths(paths);
}

void MatchStage::onSearchAnswers(const QVector<ResourceAnswer> &answers)
{
    if (!m_running)
        return;
    QHash<QString, QStringList> toStore;
    QList<LookupResult> records;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const ResourceAnswer &answer : answers) {
        const QString key = m_pathKey.value(answer.resource);
        if (key.isEmpty())
            continue;
        if (!answer.ok) {
            m_searchFailed.insert(key, tr("search failed: %1").arg(answer.reason));
            continue;
        }
        QStringList leis;
        const QJsonArray data = answer.data.value(u"data").toArray();
        for (const QJsonValue &v : data) {
            const QJsonObject item = v.toObject();
            QString lei;
            if (key.startsWith(u"bic:")) { // whole records
                GleifRecord record;
                if (!GleifRecord::fromJson(item, &record))
                    continue;
                lei = record.lei;
                records.append({lei, LookupOutcome::Found, record, {}, now});
                m_records.insert(lei, record);
            } else { // {attributes: {value}, relationships: {lei-records: {data: {id}}}}
                lei = Lei::normalise(item.value(u"relationships").toObject().value(u"lei-records").toObject()
                                         .value(u"data").toObject().value(u"id").toString());
                if (Lei::check(lei) != Lei::Check::Ok)
                    continue;
            }
            if (!leis.contains(lei))
                leis.append(lei);
        }
        m_searchLeis.insert(key, leis);
        toStore.insert(key, leis);
    }
    if (!toStore.isEmpty() || !records.isEmpty()) {
        storeInCache([toStore, records, now](AnswerStore &store) {
            store.store(records);
            store.storeSearches(toStore, now);
        });
    }
}

void MatchStage::fetchRecords()
{
    if (!m_running)
        return;
    m_step = Step::Records;
    QStringList missing;
    for (const QStringList &leis : std::as_const(m_searchLeis))
        for (const QString &lei : leis)
            if (!m_records.contains(lei) && !missing.contains(lei))
                missing.append(lei);
    if (missing.isEmpty()) {
        rankAll({});
        return;
    }
    if (!m_sources.store || m_sources.refresh) {
        afterRecordCache({});
        return;
    }
    onCacheThread([store = m_sources.store, missing] { return store->lookup(missing, true).kept; },
                  [this](const QHash<QString, CachedAnswer> &cached) { afterRecordCache(cached); });
}

void MatchStage::afterRecordCache(const QHash<QString, CachedAnswer> &cached)
{
    QStringList toFetch;
    for (const QStringList &leis : std::as_const(m_searchLeis)) {
        for (const QString &lei : leis) {
            if (m_records.contains(lei) || toFetch.contains(lei))
                continue;
            const auto it = cached.constFind(lei);
            // Offline, an expired record is better than no candidate.
            if (it != cached.constEnd() && (it->fresh || m_sources.offline)) {
                if (it->result.outcome == LookupOutcome::Found)
                    m_records.insert(lei, it->result.record);
            } else if (!m_sources.offline) {
                toFetch.append(lei);
            }
        }
    }
    if (toFetch.isEmpty()) {
        rankAll({});
        return;
    }
    newClientRun();
    m_client->lookup(toFetch);
}

void MatchStage::onRecords(const QVector<LookupResult> &results)
{
    if (!m_running)
        return;
    QList<LookupResult> keep;
    for (const LookupResult &r : results) {
        if (r.outcome == LookupOutcome::Failed)
            continue;
        keep.append(r);
        if (r.outcome == LookupOutcome::Found)
            m_records.insert(r.lei, r.record);
    }
    if (!keep.isEmpty())
        storeInCache([keep](AnswerStore &store) { store.store(keep); });
}

void MatchStage::rankAll(const QVector<QVector<Match::Entity>> &mirrored)
{
    if (!m_running)
        return;
    qsizetype k = 0;
    for (qint32 i = 0; i < m_queries.size(); ++i) {
        if (!m_open[size_t(i)])
            continue;
        const Match::Query &q = m_queries[i];
        QVector<Match::Entity> entities;
        QString failure;
        if (m_sources.store && m_sources.store->searchesLocally()) {
            entities = mirrored.value(k++);
        } else {
            QHash<QString, qsizetype> at;
            const auto add = [&](const QString &key, bool byBic) {
                failure = m_searchFailed.value(key, failure);
                for (const QString &lei : m_searchLeis.value(key)) {
                    const auto r = m_records.constFind(lei);
                    if (r == m_records.constEnd())
                        continue;
                    if (const auto seen = at.constFind(lei); seen != at.constEnd()) {
                        entities[*seen].byBic = entities[*seen].byBic || byBic;
                        continue;
                    }
                    at.insert(lei, entities.size());
                    entities.append(entityOf(*r, byBic));
                }
            };
            if (searchableName(q.name))
                add(nameKey(q.name), false);
            if (!q.bic.isEmpty())
                add(bicKey(bic11(q.bic)), true);
        }
        if (entities.isEmpty() && !failure.isEmpty()) {
            m_results[i].reason = failure;
            continue;
        }
        m_results[i] = Match::rank(q, entities);
    }
    finish();
}

void MatchStage::finish()
{
    m_step = Step::Idle;
    m_running = false;
    ++m_generation;
    Q_EMIT finished();
}

void MatchStage::storeInCache(std::function<void(AnswerStore &)> write)
{
    if (!m_sources.store)
        return;
    // Fire and forget, in order with everything else on the cache thread: the job's own
    // lookups queue behind these writes.
    (void)QtConcurrent::run(m_sources.cacheThread, [store = m_sources.store, write = std::move(write)] { write(*store); });
}

void MatchStage::newClientRun()
{
    if (!m_client->isRunning()) // its counters start again with the next run
        m_earlier.addRequests(m_client->counters());
    // m_client->counters() is counted in m_earlier now; the new run starts them from zero.
}

void MatchStage::cancel()
{
    if (m_client)
        m_client->cancel();
    m_running = false;
    m_step = Step::Idle;
    ++m_generation;
}
