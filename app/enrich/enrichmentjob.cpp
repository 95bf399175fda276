#include "enrichmentjob.h"

#include "csvdialect.h"
#include "csvfile.h"
#include "fieldvalues.h"
#include "gleifclient.h"
#include "answerstore.h"
#include "leicache.h"
#include "lei.h"
#include "mirrorstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <type_traits>

namespace {

bool isCleanLei(QByteArrayView raw)
{
    if (raw.size() != 20)
        return false;
    for (char c : raw)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
            return false;
    return true;
}

// A slice of work per event-loop turn: long enough to get work done, short enough that a
// window repaints and answers input between slices.
constexpr qint64 kSliceNs = 8'000'000;

// The file's decimal separator, as its numbers in `columns` tell (the first 10,000 rows are
// plenty: a file is written by one program): the convention more of them can only be read in;
// a tie or nothing decisive ("1000", "1,234") reads '.' as the decimal point.
Number::Convention detectConvention(const CsvFile &file, const QList<int> &columns)
{
    qint64 votes[2] = {0, 0};
    QByteArray scratch;
    const qint64 rows = std::min<qint64>(file.rowCount(), 10000);
    for (qint64 row = 0; row < rows; ++row)
        for (int c : columns)
            if (const auto said = Number::conventionOf(file.rawField(row, c, &scratch)))
                ++votes[*said == Number::Convention::Comma ? 1 : 0];
    return votes[1] > votes[0] ? Number::Convention::Comma : Number::Convention::Point;
}

ParentClient::Which parentsWanted(const QVector<Fields::Id> &fields)
{
    int which = 0;
    for (Fields::Id id : fields) {
        if (id == Fields::Id::DirectParentLei || id == Fields::Id::DirectParentName || id == Fields::Id::DirectParentException)
            which |= ParentClient::Direct;
        if (id == Fields::Id::UltimateParentLei || id == Fields::Id::UltimateParentName || id == Fields::Id::UltimateParentException)
            which |= ParentClient::Ultimate;
    }
    return ParentClient::Which(which);
}

// The parts of a cached `parents` answer that `record`'s links call for (an Unknown link: an
// empty part), or nothing when the cache lacks one of them.
std::optional<ParentResult> cachedParents(const GleifRecord &record, const ParentResult &cached, ParentClient::Which which)
{
    ParentResult use;
    use.lei = cached.lei;
    const auto take = [](GleifRecord::ParentLink link, const ParentInfo &have, ParentInfo *into) {
        if (link == GleifRecord::ParentLink::Reported && have.lei.isEmpty())
            return false;
        if (link == GleifRecord::ParentLink::Exception && have.exception.isEmpty())
            return false;
        if (link != GleifRecord::ParentLink::Unknown)
            *into = have;
        return true;
    };
    if ((which & ParentClient::Direct) && !take(record.directParent, cached.direct, &use.direct))
        return std::nullopt;
    if ((which & ParentClient::Ultimate) && !take(record.ultimateParent, cached.ultimate, &use.ultimate))
        return std::nullopt;
    return use;
}

} // namespace

template <typename Work, typename Then>
void EnrichmentJob::onCacheThread(Work work, Then then)
{
    auto *watcher = new QFutureWatcher<std::invoke_result_t<Work>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, then = std::move(then), run = m_run] {
        watcher->deleteLater();
        if (run == m_run) // what an earlier run left on the cache thread is dropped
            then(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_cacheThread, std::move(work)));
}

EnrichmentJob::EnrichmentJob(QObject *parent)
    : QObject(parent)
{
    m_cacheThread.setMaxThreadCount(1);
    m_cacheThread.setExpiryTimeout(-1); // one thread, one SQLite connection, for the job's life
    m_sliceTimer.setSingleShot(true);
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, &EnrichmentJob::runSlice);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (m_running)
            Q_EMIT progressChanged(progress());
        else
            m_tick.stop();
    });
}

EnrichmentJob::~EnrichmentJob()
{
    if (m_client)
        m_client->cancel();
    m_cacheThread.waitForDone(); // every answer that arrived reaches the file
}

bool EnrichmentJob::start(std::shared_ptr<CsvFile> file, int leiColumn, CostRules rules,
                          const EnrichmentSettings &settings, QString *error)
{
    if (m_running) {
        *error = tr("an enrichment is already running");
        return false;
    }
    if (!file || !file->isComplete()) {
        *error = tr("the file is not fully loaded yet");
        return false;
    }
    if ((leiColumn < 0 && !settings.match.enabled()) || leiColumn >= file->columnCount()) {
        *error = tr("%1: no LEI column chosen").arg(file->path());
        return false;
    }
    for (int column : {settings.match.name, settings.match.country, settings.match.bic}) {
        if (column >= file->columnCount()) {
            *error = tr("%1: no such column to match by: %2").arg(file->path()).arg(column + 1);
            return false;
        }
    }
    if (settings.fields.isEmpty()) {
        *error = tr("no GLEIF field chosen");
        return false;
    }
    if (!rules.bind(file->header(), error))
        return false;
    std::shared_ptr<AnswerStore> store;
    if (!AnswerStore::create(settings, &store, error))
        return false;

    m_file = std::move(file);
    m_leiColumn = leiColumn;
    m_rules = std::move(rules);
    m_rules.setConvention(settings.convention.value_or(detectConvention(*m_file, m_rules.boundColumns())));
    m_helperRules = m_rules.clone();
    m_settings = settings;
    m_runDate = settings.runDate.isValid() ? settings.runDate : QDateTime::currentDateTimeUtc().date();
    m_notices.clear();
    m_store = std::move(store);
    m_mirrorParents.clear();
    m_mirrorPublished = m_store ? m_store->registerPublished() : QDateTime();
    if (const QString replaced = m_file->replacedColumnsNote(); !replaced.isEmpty())
        addNotice(replaced);
    ++m_run; // what an earlier run left on the cache thread is told apart by this

    if (m_store) {
        // Opened on the store thread while the rows are scanned: opening may migrate a schema
        // or move a damaged file aside, which is no work for the window's thread.
        onCacheThread([store = m_store] { return store->open(); }, [this](const QString &notice) {
            if (!notice.isEmpty())
                addNotice(notice);
        });
    }

    const qint64 rows = m_file->rowCount();
    auto results = std::make_shared<EnrichmentResults>();
    results->m_leiColumn = leiColumn;
    results->m_convention = m_rules.convention();
    results->m_fields = settings.fields;
    results->m_rowLei.assign(size_t(rows), -1);
    results->m_rowStatus.assign(size_t(rows), quint8(RowStatus::Pending));
    results->m_cost.assign(size_t(rows), 0.0);
    results->m_statusCounts[size_t(RowStatus::Pending)] = rows;
    results->m_matching = settings.match.enabled();
    results->addFieldCountWarnings(*m_file);
    m_results = std::move(results);

    m_indexOf.clear();
    m_cleanIndexOf.clear();
    m_ruleOf.clear();
    m_rowsStart.clear();
    m_rowsOf.clear();
    m_computeQueue.clear();
    m_queueHead = 0;
    m_rowCursor = -1;
    m_sequentialRow = -1;
    m_expired.clear();
    m_scanRow = 0;
    m_pendingWrites = 0;
    m_awaitingCache = false;
    m_progress = {};
    m_progress.rows = rows;
    m_health.reset(m_runDate);
    m_parentWhich = parentsWanted(settings.fields);
    m_parentStage = ParentStage::Idle;
    m_parentLinks.clear();
    m_parentCandidates.clear();
    m_parentsToFetch.clear();

    newClient();
    if (!settings.offline && settings.gleif.baseUrl.scheme().compare(u"http", Qt::CaseInsensitive) == 0)
        addNotice(tr("the GLEIF API URL %1 is plain http: answers can be read or changed on the way")
                      .arg(settings.gleif.baseUrl.toDisplayString()));

    m_phase = settings.match.enabled() ? Phase::Matching : Phase::Scanning;
    m_running = true;
    delete m_matchStage; // an earlier run's
    m_matchStage = nullptr;
    if (m_phase == Phase::Matching) {
        m_matchStage = new MatchStage(this);
        connect(m_matchStage, &MatchStage::finished, this, &EnrichmentJob::afterMatching);
        connect(m_matchStage, &MatchStage::noticeAdded, this, &EnrichmentJob::addNotice);
        MatchStage::Sources sources;
        sources.store = m_store;
        sources.cacheThread = &m_cacheThread;
        sources.gleif = settings.gleif;
        sources.offline = settings.offline || settings.source == EnrichmentSettings::Source::Mirror;
        sources.refresh = settings.refresh;
        m_matchStage->start(*m_file, leiColumn, settings.match, sources);
    }
    m_tick.start();
    m_fetching = false;
    m_clock.start();
    m_sinceProgress.start();
    m_sinceRowsUpdated.start();
    scheduleSlice();
    return true;
}

void EnrichmentJob::afterMatching()
{
    if (!m_running || m_phase != Phase::Matching)
        return;
    m_results->m_rowMatch = m_matchStage->rowResults();
    m_results->m_matches = m_matchStage->results();
    m_phase = Phase::Scanning;
    scheduleSlice();
}

QString EnrichmentJob::unmatchedReason(qint64 row, const Match::Result &match) const
{
    const QString own = m_leiColumn < 0 ? tr("no LEI column")
                                        : Lei::describe(Lei::check(Lei::normalise(m_file->cell(row, m_leiColumn))));
    const QString status = MatchStage::statusCode(match.status);
    return match.reason.isEmpty() ? tr("%1; match %2").arg(own, status) : tr("%1; match %2: %3").arg(own, status, match.reason);
}

void EnrichmentJob::addNotice(const QString &warning)
{
    if (m_notices.contains(warning))
        return;
    m_notices.append(warning);
    Q_EMIT noticeAdded(warning);
}

void EnrichmentJob::newClient()
{
    delete m_parentClient; // it works through m_client
    m_parentClient = nullptr;
    m_earlierCounters = {};
    delete m_client;
    m_client = new GleifClient(m_settings.gleif, this);
    connect(m_client, &GleifClient::resultsReady, this, &EnrichmentJob::onAnswers);
    connect(m_client, &GleifClient::countersChanged, this, [this] { emitProgress(false); });
    connect(m_client, &GleifClient::finished, this, [this] {
        m_fetching = false;
        maybeFinish();
    });
}

void EnrichmentJob::scheduleSlice()
{
    if (m_running && !m_sliceTimer.isActive())
        m_sliceTimer.start();
}

void EnrichmentJob::runSlice()
{
    QElapsedTimer budget;
    budget.start();
    if (m_phase == Phase::Scanning)
        scanSlice(budget);
    if (m_phase == Phase::Resolving)
        computeSlice(budget);
    if (!m_running)
        return;
    if (m_phase == Phase::Scanning || hasComputeWork())
        scheduleSlice();
    emitProgress(false);
    maybeFinish();
}

void EnrichmentJob::scanSlice(const QElapsedTimer &budget)
{
    EnrichmentResults &res = *m_results;
    const qint64 rows = m_file->rowCount();
    while (m_scanRow < rows) {
        if ((m_scanRow & 0xFF) == 0 && budget.nsecsElapsed() > kSliceNs)
            return;
        const qint64 row = m_scanRow++;
        if (row > 0 && (row & 0xFFFF) == 0)
            m_file->releaseRows(row - 0x10000, row);
        // A row the match stage considered has the LEI it found, or none.
        const qint32 match = res.m_rowMatch.empty() ? -1 : res.m_rowMatch[size_t(row)];
        QString lei;
        QByteArrayView raw;
        bool clean = false; // the LEI cell's own bytes are the LEI
        if (match >= 0) {
            const Match::Result &m = res.m_matches[match];
            if (m.status == Match::Status::Exact || m.status == Match::Status::Accepted
                || (m.status == Match::Status::Probable && m_settings.match.acceptProbable))
                lei = Lei::normalise(m.lei);
        } else {
            // Most LEIs are already clean: 20 bytes of [A-Z0-9] need neither trimming nor
            // upper-casing, and are looked up by their bytes.
            raw = m_file->rawField(row, m_leiColumn, &m_scratch);
            clean = isCleanLei(raw);
            if (clean) {
                const auto hit = m_cleanIndexOf.constFind(QByteArray::fromRawData(raw.data(), raw.size()));
                if (hit != m_cleanIndexOf.constEnd()) {
                    res.m_rowLei[size_t(row)] = *hit;
                    continue;
                }
            }
            lei = clean ? QString::fromLatin1(raw) : Lei::normalise(Csv::decode(m_file->textEncoding(), raw.data(), raw.size()));
        }
        auto it = m_indexOf.constFind(lei);
        if (it != m_indexOf.constEnd()) { // seen, so valid
            res.m_rowLei[size_t(row)] = *it;
            if (clean)
                m_cleanIndexOf.insert(raw.toByteArray(), *it);
            continue;
        }
        const Lei::Check check = Lei::check(lei);
        if (check != Lei::Check::Ok) {
            res.m_rowStatus[size_t(row)] = quint8(RowStatus::InvalidLei);
            res.m_rowReason.insert(row, match >= 0 ? unmatchedReason(row, res.m_matches[match]) : Lei::describe(check));
            --res.m_statusCounts[size_t(RowStatus::Pending)];
            ++res.m_statusCounts[size_t(RowStatus::InvalidLei)];
            ++m_progress.rowsDone;
            continue;
        }
        it = m_indexOf.insert(lei, qint32(res.m_answers.size()));
        if (clean)
            m_cleanIndexOf.insert(raw.toByteArray(), *it);
        LeiAnswer answer;
        answer.lei = lei;
        res.m_answers.push_back(std::move(answer));
        res.m_rowLei[size_t(row)] = *it;
    }
    afterScan();
}

// Rows per LEI in one flat array (counting sort), so an answer updates just its rows. Made
// only when an answer arrives after the cache lookup: a warm run never needs it (8 bytes a row).
void EnrichmentJob::indexRowsByLei()
{
    if (!m_rowsStart.empty())
        return;
    const EnrichmentResults &res = *m_results;
    const size_t distinct = res.m_answers.size();
    m_rowsStart.assign(distinct + 1, 0);
    for (qint32 index : res.m_rowLei)
        if (index >= 0)
            ++m_rowsStart[size_t(index) + 1];
    for (size_t i = 1; i <= distinct; ++i)
        m_rowsStart[i] += m_rowsStart[i - 1];
    m_rowsOf.assign(size_t(m_rowsStart[distinct]), 0);
    std::vector<qint64> fill(m_rowsStart.begin(), m_rowsStart.end() - 1);
    for (size_t row = 0; row < res.m_rowLei.size(); ++row)
        if (const qint32 index = res.m_rowLei[row]; index >= 0)
            m_rowsOf[size_t(fill[size_t(index)]++)] = qint64(row);
}

void EnrichmentJob::afterScan()
{
    EnrichmentResults &res = *m_results;
    const size_t distinct = res.m_answers.size();
    m_progress.distinct = qint64(distinct);
    m_ruleOf.assign(distinct, 0);
    m_cleanIndexOf = {}; // the scan is done: its memory back
    m_phase = Phase::Resolving;

    QStringList all;
    all.reserve(qsizetype(distinct));
    for (const LeiAnswer &a : res.m_answers)
        all.append(a.lei);

    if (m_store) {
        m_awaitingCache = true;
        onCacheThread([store = m_store, all, kept = !m_settings.refresh] { return store->lookup(all, kept); },
                      [this](const StoredAnswers &held) {
            m_awaitingCache = false;
            if (m_running)
                afterCacheLookup(held.kept, held.registered);
        });
        return;
    }
    afterCacheLookup({}, {});
}

void EnrichmentJob::afterCacheLookup(const QHash<QString, CachedAnswer> &cached,
                                     const QHash<QString, MirrorAnswer> &mirrored)
{
    EnrichmentResults &res = *m_results;
    const bool mirrorOnly = m_settings.source == EnrichmentSettings::Source::Mirror;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 lifetime = qint64(m_settings.lifetime.count());
    if (m_parentWhich) {
        for (auto it = mirrored.constBegin(); it != mirrored.constEnd(); ++it) {
            ParentResult &p = m_mirrorParents[it.key()];
            p.lei = it.key();
            p.direct = {it->directParent.lei, it->directParent.name, it->directParent.exception};
            p.ultimate = {it->ultimateParent.lei, it->ultimateParent.name, it->ultimateParent.exception};
        }
    }
    // Per LEI the fresher of the cache entry and the mirror record within the lifetime; the
    // fresher of what is older is kept in case GLEIF cannot be reached.
    for (qint32 index = 0; index < qint32(res.m_answers.size()); ++index) {
        const QString &lei = res.m_answers[size_t(index)].lei;
        const auto c = cached.constFind(lei);
        const auto m = mirrored.constFind(lei);
        LookupResult fromMirror;
        if (m != mirrored.constEnd()) {
            fromMirror.lei = lei;
            fromMirror.outcome = LookupOutcome::Found;
            fromMirror.record = m->record;
            fromMirror.fetchedAt = m->publishDate;
            fromMirror.fromMirror = true;
        } else if (mirrorOnly) {
            fromMirror.lei = lei; // the Golden Copy holds every LEI ever issued
            fromMirror.outcome = LookupOutcome::NotFound;
            fromMirror.fetchedAt = m_mirrorPublished;
            fromMirror.fromMirror = true;
        }
        if (mirrorOnly) {
            settle(index, fromMirror, false);
            continue;
        }
        const bool mirrorFresh = fromMirror.fromMirror && fromMirror.fetchedAt.addSecs(lifetime) > now;
        const bool cacheFresh = c != cached.constEnd() && c->fresh;
        const bool cacheNewer = c != cached.constEnd() && (!fromMirror.fromMirror || c->result.fetchedAt >= fromMirror.fetchedAt);
        if (cacheFresh && (cacheNewer || !mirrorFresh))
            settle(index, c->result, true);
        else if (mirrorFresh)
            settle(index, fromMirror, false);
        else if (c != cached.constEnd() && cacheNewer)
            m_expired.insert(lei, c->servedStale());
        else if (fromMirror.fromMirror) {
            fromMirror.stale = true;
            m_expired.insert(lei, fromMirror);
        }
    }

    // What the cache answered is computed in one pass in file order (sequential reads);
    // only answers arriving later go through the per-LEI lists.
    m_computeQueue.clear();
    m_sequentialRow = 0;

    QStringList toFetch;
    for (const LeiAnswer &a : res.m_answers)
        if (a.state == LeiAnswer::State::Pending)
            toFetch.append(a.lei);

    if (m_settings.offline) {
        for (const QString &lei : std::as_const(toFetch)) {
            LookupResult failed;
            failed.lei = lei;
            failed.outcome = LookupOutcome::Failed;
            failed.reason = tr("not in the cache (offline)");
            settle(m_indexOf.value(lei), failed, false);
        }
    } else if (!toFetch.isEmpty()) {
        m_fetching = true;
        m_client->lookup(toFetch);
    }
    scheduleSlice();
}

void EnrichmentJob::onAnswers(const QVector<LookupResult> &answers)
{
    if (!m_running)
        return;
    // The cache first: whatever happens next, these answers are kept.
    if (m_store) {
        ++m_pendingWrites;
        const QList<LookupResult> batch(answers.begin(), answers.end());
        onCacheThread([store = m_store, batch] { return store->store(batch); }, [this](const QString &error) {
            --m_pendingWrites;
            if (!error.isEmpty())
                addNotice(error);
            maybeFinish();
        });
    }
    for (const LookupResult &r : answers) {
        const qint32 index = m_indexOf.value(r.lei, -1);
        if (index >= 0 && m_results->m_answers[size_t(index)].state == LeiAnswer::State::Pending)
            settle(index, r, false);
    }
    scheduleSlice();
}

void EnrichmentJob::settle(qint32 index, const LookupResult &result, bool fromCache)
{
    LeiAnswer &a = m_results->m_answers[size_t(index)];
    const LookupResult *use = &result;
    if (result.outcome == LookupOutcome::Failed) {
        const auto stale = m_expired.constFind(a.lei);
        if (stale != m_expired.constEnd()) {
            use = &stale.value(); // better an expired answer than none
            a.stale = true;
            ++m_progress.stale;
        }
    }
    a.fromMirror = use->fromMirror;
    a.fromCache = (fromCache || a.stale) && !a.fromMirror;
    switch (use->outcome) {
    case LookupOutcome::Found:
        a.state = LeiAnswer::State::Found;
        a.country = use->record.country;
        m_ruleOf[size_t(index)] = m_rules.ruleIndex(a.country);
        break;
    case LookupOutcome::NotFound:
        a.state = LeiAnswer::State::NotFound;
        break;
    case LookupOutcome::Failed:
        a.state = LeiAnswer::State::Failed;
        ++m_progress.failed;
        break;
    }
    a.reason = result.reason;
    m_health.judge(index, use->outcome == LookupOutcome::Found, use->record, a.stale);
    if (a.state == LeiAnswer::State::Found) {
        a.values = valuesOf(index, a, *use); // after judge(): leiWarning is what it said
        if (m_parentWhich && m_mirrorParents.contains(a.lei)) { // the mirror holds them: no request
            applyParents(index, m_mirrorParents.value(a.lei));
        } else if (m_parentWhich && !ParentClient::requestsFor(use->record, m_parentWhich).isEmpty()) {
            GleifRecord links;
            links.lei = a.lei;
            links.directParent = use->record.directParent;
            links.ultimateParent = use->record.ultimateParent;
            m_parentLinks.insert(index, links);
            m_parentCandidates.append(links);
        }
    }
    ++m_progress.resolved;
    if (use->fromMirror && !a.stale)
        ++m_progress.fromMirror;
    else if (fromCache)
        ++m_progress.fromCache;
    else if (result.outcome != LookupOutcome::Failed)
        ++m_progress.fetched;
    m_computeQueue.push_back(index);
}

QStringList EnrichmentJob::valuesOf(qint32 index, const LeiAnswer &answer, const LookupResult &use) const
{
    FieldValues::Context context;
    context.fetchedAt = use.fetchedAt;
    context.fromCache = answer.fromCache;
    context.fromMirror = answer.fromMirror;
    context.leiWarnings = m_health.codes(index);
    QStringList values;
    values.reserve(m_settings.fields.size());
    for (Fields::Id id : m_settings.fields)
        values << FieldValues::value(id, use.record, context); // parents: empty until applyParents()
    return values;
}

void EnrichmentJob::startParents()
{
    m_parentStage = ParentStage::CacheLookup;
    QVector<GleifRecord> asked;
    asked.swap(m_parentCandidates);
    if (!m_store || m_settings.refresh) {
        afterParentCache(asked, {});
        return;
    }
    QStringList leis;
    for (const GleifRecord &record : std::as_const(asked))
        leis.append(record.lei);
    onCacheThread([store = m_store, leis] { return store->lookupParents(leis); }, [this, asked](const QHash<QString, ParentResult> &cached) {
        if (m_running)
            afterParentCache(asked, cached);
    });
}

void EnrichmentJob::afterParentCache(const QVector<GleifRecord> &asked, const QHash<QString, ParentResult> &cached)
{
    m_parentsToFetch.clear();
    for (const GleifRecord &record : asked) {
        const qint32 index = m_indexOf.value(record.lei, -1);
        const auto hit = cached.constFind(record.lei);
        if (hit != cached.constEnd()) {
            if (const auto use = cachedParents(record, *hit, m_parentWhich)) {
                applyParents(index, *use);
                continue;
            }
        }
        if (m_settings.offline) {
            ParentResult failed;
            failed.lei = record.lei;
            failed.failure = tr("not in the cache (offline)");
            applyParents(index, failed);
            continue;
        }
        m_parentsToFetch.append(record);
    }
    m_parentStage = ParentStage::Idle;
    if (!m_parentsToFetch.isEmpty()) {
        m_parentCost = ParentClient::estimate(m_parentsToFetch, m_settings.gleif, m_parentWhich);
        m_parentStage = ParentStage::AwaitingApproval;
        emitProgress(true); // the counts as they stand while the question is open
        Q_EMIT parentsCostKnown(m_parentCost);
        if (m_parentStage == ParentStage::AwaitingApproval && !m_settings.confirmParents)
            fetchParents();
    }
    emitProgress(false);
    scheduleSlice(); // maybeFinish() at the end of the slice
}

void EnrichmentJob::approveParents(bool go)
{
    if (!m_running || m_parentStage != ParentStage::AwaitingApproval)
        return;
    if (go) {
        fetchParents();
        return;
    }
    m_parentStage = ParentStage::Idle;
    addNotice(tr("parent fields left empty for %n LEI(s): the %1 parent lookup(s) were not made", nullptr,
                 int(m_parentsToFetch.size())).arg(m_parentCost.requests));
    m_parentsToFetch.clear();
    scheduleSlice();
}

void EnrichmentJob::fetchParents()
{
    m_parentStage = ParentStage::Fetching;
    delete m_parentClient;
    m_parentClient = new ParentClient(m_client, this);
    connect(m_parentClient, &ParentClient::resultsReady, this, &EnrichmentJob::onParentResults);
    connect(m_parentClient, &ParentClient::finished, this, [this] {
        m_parentStage = ParentStage::Idle;
        m_progress.parentsLeft = 0;
        scheduleSlice();
    });
    if (!m_client->isRunning()) // its counters start again with this run
        m_earlierCounters.addRequests(m_client->counters());
    const QVector<GleifRecord> records = std::exchange(m_parentsToFetch, {});
    m_progress.parentsLeft = records.size();
    m_parentClient->lookup(records, m_parentWhich);
}

void EnrichmentJob::onParentResults(const QVector<ParentResult> &results)
{
    if (!m_running)
        return;
    if (m_store) {
        ++m_pendingWrites;
        const QList<ParentResult> batch(results.begin(), results.end());
        onCacheThread([store = m_store, batch] { return store->storeParents(batch); }, [this](const QString &error) {
            --m_pendingWrites;
            if (!error.isEmpty())
                addNotice(error);
            maybeFinish();
        });
    }
    for (const ParentResult &result : results)
        applyParents(m_indexOf.value(result.lei, -1), result);
    m_progress.parentsLeft = std::max<qint64>(0, m_progress.parentsLeft - results.size());
    emitProgress(false);
}

void EnrichmentJob::applyParents(qint32 index, const ParentResult &parents)
{
    if (index < 0 || m_results->m_answers[size_t(index)].state != LeiAnswer::State::Found)
        return;
    LeiAnswer &a = m_results->m_answers[size_t(index)];
    a.parentFailure = parents.failure;
    FieldValues::Context context;
    if (parents.failure.isEmpty()) {
        m_health.remove(index, HealthWarnings::kParentLookupFailed);
        context.parents = parents;
    } else {
        m_health.add(index, HealthWarnings::kParentLookupFailed); // and every parent field empty
    }
    context.leiWarnings = m_health.codes(index);
    for (qsizetype i = 0; i < m_settings.fields.size() && i < a.values.size(); ++i) {
        const Fields::Id id = m_settings.fields.at(i);
        if (Fields::info(id).parent || id == Fields::Id::LeiWarning)
            a.values[i] = FieldValues::value(id, GleifRecord(), context);
    }
}

RowStatus EnrichmentJob::statusOf(qint64 row, qint32 index, CostRules &rules, QString *reason)
{
    switch (m_results->m_answers[size_t(index)].state) {
    case LeiAnswer::State::Found: {
        const auto cost = rules.evaluate(m_ruleOf[size_t(index)], *m_file, row);
        if (!cost.ok) {
            *reason = cost.reason;
            return RowStatus::BadNumber;
        }
        m_results->m_cost[size_t(row)] = cost.value;
        return RowStatus::Ok;
    }
    case LeiAnswer::State::NotFound:
        return RowStatus::NotFound;
    default:
        return RowStatus::LookupFailed;
    }
}

void EnrichmentJob::computeRow(qint64 row, qint32 index)
{
    EnrichmentResults &res = *m_results;
    QString reason;
    const RowStatus status = statusOf(row, index, m_rules, &reason);
    if (status == RowStatus::BadNumber)
        res.m_rowReason.insert(row, reason);
    const RowStatus old = RowStatus(res.m_rowStatus[size_t(row)]);
    if (old == RowStatus::Pending)
        ++m_progress.rowsDone;
    --res.m_statusCounts[size_t(old)];
    ++res.m_statusCounts[size_t(status)];
    res.m_rowStatus[size_t(row)] = quint8(status);
}

struct EnrichmentJob::Computed
{
    qint64 counts[6] = {};
    std::vector<std::pair<qint64, QString>> reasons;
};

// Writes only the status and cost of its own rows: two threads run it on disjoint ranges
// while the job's thread waits (nothing else reads the results meanwhile).
void EnrichmentJob::computeRange(qint64 from, qint64 to, CostRules &rules, Computed *out)
{
    EnrichmentResults &res = *m_results;
    QString reason;
    for (qint64 row = from; row < to; ++row) {
        const qint32 index = res.m_rowLei[size_t(row)];
        if (index < 0 || res.m_rowStatus[size_t(row)] != quint8(RowStatus::Pending)
            || res.m_answers[size_t(index)].state == LeiAnswer::State::Pending)
            continue;
        const RowStatus status = statusOf(row, index, rules, &reason);
        if (status == RowStatus::BadNumber)
            out->reasons.emplace_back(row, std::move(reason));
        ++out->counts[size_t(status)];
        res.m_rowStatus[size_t(row)] = quint8(status);
    }
}

bool EnrichmentJob::hasComputeWork() const
{
    return m_sequentialRow >= 0 || m_queueHead < m_computeQueue.size();
}

void EnrichmentJob::computeSlice(const QElapsedTimer &budget)
{
    EnrichmentResults &res = *m_results;
    int sinceCheck = 0;
    auto outOfTime = [&] {
        if (++sinceCheck < 256)
            return false;
        sinceCheck = 0;
        return budget.nsecsElapsed() > kSliceNs;
    };
    if (m_sequentialRow >= 0) {
        // In chunks split over two threads, the second with its own copy of the rules.
        constexpr qint64 kChunkRows = 8192; // about 1-2 ms a thread: a slice stays short
        const qint64 rows = res.rowCount();
        while (m_sequentialRow < rows) {
            if (budget.nsecsElapsed() > kSliceNs)
                return;
            const qint64 from = m_sequentialRow;
            const qint64 to = std::min(rows, from + kChunkRows);
            const qint64 mid = from + (to - from) / 2;
            Computed first, second;
            QFuture<void> other = QtConcurrent::run([&] { computeRange(mid, to, m_helperRules, &second); });
            computeRange(from, mid, m_rules, &first);
            other.waitForFinished();
            for (Computed *part : {&first, &second}) {
                for (size_t s = 0; s < std::size(part->counts); ++s) {
                    res.m_statusCounts[s] += part->counts[s];
                    res.m_statusCounts[size_t(RowStatus::Pending)] -= part->counts[s];
                    m_progress.rowsDone += part->counts[s];
                }
                for (auto &[row, reason] : part->reasons)
                    res.m_rowReason.insert(row, std::move(reason));
            }
            m_sequentialRow = to;
            m_file->releaseRows(from, to);
        }
        m_sequentialRow = -1;
    }
    if (m_queueHead < m_computeQueue.size())
        indexRowsByLei();
    while (m_queueHead < m_computeQueue.size()) {
        const qint32 index = m_computeQueue[m_queueHead];
        if (m_rowCursor < 0)
            m_rowCursor = m_rowsStart[size_t(index)];
        const qint64 end = m_rowsStart[size_t(index) + 1];
        while (m_rowCursor < end) {
            if (outOfTime())
                return;
            computeRow(m_rowsOf[size_t(m_rowCursor++)], index);
        }
        m_rowCursor = -1;
        ++m_queueHead;
    }
    m_computeQueue.clear();
    m_queueHead = 0;
}

void EnrichmentJob::maybeFinish()
{
    if (!m_running || m_phase != Phase::Resolving || m_fetching || m_awaitingCache || hasComputeWork()
        || m_parentStage != ParentStage::Idle)
        return;
    if (!m_parentCandidates.isEmpty()) { // every LEI answered: now their parents
        startParents();
        return;
    }
    if (m_pendingWrites > 0)
        return;
    m_running = false;
    m_sliceTimer.stop();
    m_health.apply(*m_results);
    emitProgress(true);
    Q_EMIT rowsUpdated();
    Q_EMIT finished(true);
}

void EnrichmentJob::cancel()
{
    if (!m_running)
        return;
    // The client reports pages it already received while cancelling: take them in (and into
    // the cache) before the run counts as stopped.
    if (m_client)
        m_client->cancel();
    if (m_matchStage)
        m_matchStage->cancel();
    m_running = false;
    m_sliceTimer.stop();
    m_fetching = false;
    m_parentStage = ParentStage::Idle;
    m_parentCandidates.clear();
    m_parentsToFetch.clear();
    // Answers already received are written before cancel returns; a lookup still running has
    // nothing to write and its result is dropped (m_run), so it is not waited for.
    if (!m_awaitingCache)
        m_cacheThread.waitForDone();
    ++m_run;
    m_pendingWrites = 0;
    m_awaitingCache = false;
    // LEIs answered but whose rows were not reached yet: finish those rows, they are cheap,
    // so the table shows everything that did arrive.
    if (m_phase == Phase::Resolving) {
        QElapsedTimer unlimited;
        unlimited.start();
        while (hasComputeWork())
            computeSlice(unlimited);
        m_health.apply(*m_results);
    }
    emitProgress(true);
    Q_EMIT rowsUpdated();
    Q_EMIT finished(false);
}

void EnrichmentJob::reset()
{
    cancel();
    m_results.reset();
    m_file.reset();
    m_phase = Phase::Idle;
    m_progress = {};
}

bool EnrichmentJob::retryFailed()
{
    if (m_running || !m_results || m_phase != Phase::Resolving || m_settings.offline)
        return false;
    EnrichmentResults &res = *m_results;
    indexRowsByLei();
    QStringList again;
    for (qint32 i = 0; i < qint32(res.m_answers.size()); ++i) {
        LeiAnswer &a = res.m_answers[size_t(i)];
        if (a.state != LeiAnswer::State::Failed && !a.stale)
            continue;
        again.append(a.lei);
        if (a.state == LeiAnswer::State::Failed)
            --m_progress.failed;
        if (a.stale)
            --m_progress.stale;
        --m_progress.resolved;
        LeiAnswer reset;
        reset.lei = a.lei;
        a = std::move(reset);
        for (qint64 k = m_rowsStart[size_t(i)]; k < m_rowsStart[size_t(i) + 1]; ++k) {
            const qint64 row = m_rowsOf[size_t(k)];
            --res.m_statusCounts[res.m_rowStatus[size_t(row)]];
            ++res.m_statusCounts[size_t(RowStatus::Pending)];
            res.m_rowStatus[size_t(row)] = quint8(RowStatus::Pending);
            res.m_rowReason.remove(row);
            --m_progress.rowsDone;
        }
    }
    // Parent lookups that failed are made again too (their LEIs' answers stand).
    for (auto it = m_parentLinks.constBegin(); it != m_parentLinks.constEnd(); ++it) {
        LeiAnswer &a = res.m_answers[size_t(it.key())];
        if (a.state == LeiAnswer::State::Found && !a.parentFailure.isEmpty())
            m_parentCandidates.append(it.value());
    }
    if (again.isEmpty() && m_parentCandidates.isEmpty())
        return false;
    newClient(); // a fresh client: the old one has seen these LEIs in its run
    m_running = true;
    m_clock.restart(); // the retry's time, and its pace for the time left
    m_tick.start();
    if (!again.isEmpty()) {
        m_fetching = true;
        m_client->lookup(again);
    }
    scheduleSlice();
    Q_EMIT rowsUpdated();
    return true;
}

EnrichmentProgress EnrichmentJob::progress() const
{
    EnrichmentProgress p = m_progress;
    if (m_client) {
        GleifCounters c = m_earlierCounters;
        c.addRequests(m_client->counters());
        if (m_matchStage)
            c.addRequests(m_matchStage->counters());
        p.requests = c.requestsSent;
        p.retries = c.retries;
        p.tooManyRequests = c.tooManyRequests;
        p.rateLimitWait = m_running ? double(m_client->rateLimitWait().count()) / 1000.0 : 0;
    }
    p.seconds = m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e9 : 0;
    // Time left from the pace so far: lookups while fetching, then rows.
    if (m_running && p.seconds > 0.5) {
        const qint64 lookupsLeft = p.distinct - p.resolved;
        if (lookupsLeft > 0 && p.fetched + p.failed > 0)
            p.secondsLeft = p.seconds * double(lookupsLeft) / double(p.fetched + p.failed);
        else if (p.rowsDone > 0 && p.rows > p.rowsDone)
            p.secondsLeft = p.seconds * double(p.rows - p.rowsDone) / double(p.rowsDone);
    }
    return p;
}

void EnrichmentJob::emitProgress(bool force)
{
    if (!force && m_sinceProgress.elapsed() < 100)
        return;
    m_sinceProgress.restart();
    Q_EMIT progressChanged(progress());
    if (force || m_sinceRowsUpdated.elapsed() >= 250) {
        m_sinceRowsUpdated.restart();
        Q_EMIT rowsUpdated();
    }
}
