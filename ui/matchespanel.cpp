#include "matchespanel.h"

#include "leicache.h"
#include "matchesmodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

MatchesPanel::MatchesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new MatchesModel(this))
    , m_view(new QTreeView(this))
    , m_state(new QLabel(this))
    , m_accept(new QPushButton(tr("&Accept (Enter)"), this))
    , m_reject(new QPushButton(tr("&Reject (Del)"), this))
    , m_enrich(new QPushButton(tr("Enrich Again with &Decisions"), this))
{
    m_view->setObjectName(QStringLiteral("matchesView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setExpandsOnDoubleClick(false); // double-click: show the row, or accept a candidate
    m_view->header()->setStretchLastSection(true);
    m_state->setObjectName(QStringLiteral("matchesState"));
    m_state->setWordWrap(true);
    m_accept->setObjectName(QStringLiteral("acceptMatch"));
    m_reject->setObjectName(QStringLiteral("rejectMatch"));
    m_enrich->setObjectName(QStringLiteral("enrichWithDecisions"));
    m_accept->setToolTip(tr("The selected candidate is the row's entity: remembered in the cache for this name and country"));
    m_reject->setToolTip(tr("None of the candidates is right: remembered, not asked again"));
    m_enrich->setToolTip(tr("Enrich again: the accepted names' rows are enriched (match status accepted)"));

    // The keys act in the list only: Enter on a focused button still presses it.
    auto *accept = new QAction(tr("Accept"), m_view);
    accept->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    accept->setShortcutContext(Qt::WidgetShortcut);
    connect(accept, &QAction::triggered, this, &MatchesPanel::acceptCurrent);
    m_view->addAction(accept);
    auto *reject = new QAction(tr("Reject"), m_view);
    reject->setShortcut(QKeySequence::Delete);
    reject->setShortcutContext(Qt::WidgetShortcut);
    connect(reject, &QAction::triggered, this, &MatchesPanel::rejectCurrent);
    m_view->addAction(reject);
    connect(m_accept, &QPushButton::clicked, this, [this] {
        acceptCurrent();
        m_view->setFocus();
    });
    connect(m_reject, &QPushButton::clicked, this, [this] {
        rejectCurrent();
        m_view->setFocus();
    });
    connect(m_enrich, &QPushButton::clicked, this, &MatchesPanel::enrichRequested);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_model->candidateOf(index) >= 0)
            acceptCurrent();
        else if (index.isValid())
            Q_EMIT rowActivated(index.data(MatchesModel::FirstRowRole).toLongLong());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &MatchesPanel::updateState);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(6, 0, 0, 0);
    buttons->addWidget(m_state, 1);
    buttons->addWidget(m_accept);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_enrich);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    updateState();
}

MatchesPanel::~MatchesPanel() = default;

void MatchesPanel::setRun(const MatchColumns &columns, const QString &cachePath)
{
    m_columns = columns;
    if (cachePath != m_cachePath)
        m_cache.reset();
    m_cachePath = cachePath;
}

bool MatchesPanel::setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file)
{
    m_error.clear();
    m_model->setResults(std::move(results), std::move(file), m_columns);
    if (m_model->entryCount() == 0) {
        updateState();
        return false;
    }
    // Rejections (and decisions made since the run started) are marked; accepted names are
    // already `accepted` rows, not listed.
    if (LeiCache *decisions = cache()) {
        const QHash<QString, QString> decided = decisions->lookupDecisions(m_model->queries());
        for (int i = 0; i < m_model->entryCount(); ++i) {
            const MatchesModel::Entry &e = m_model->entry(i);
            if (const auto it = decided.constFind(MatchesModel::decisionKey(e.name, e.country)); it != decided.constEnd())
                m_model->setDecision(e.name, e.country, *it);
        }
    }
    for (int i = 0; i < m_model->entryCount(); ++i)
        m_view->setFirstColumnSpanned(i, QModelIndex(), true);
    m_view->expandAll();
    for (int c = 0; c < MatchesModel::ColumnCount - 1; ++c)
        m_view->resizeColumnToContents(c);
    // Room for the mark an accepted candidate gets.
    m_view->setColumnWidth(MatchesModel::Name, qMin(m_view->columnWidth(MatchesModel::Name) + fontMetrics().horizontalAdvance(QStringLiteral("\u2713 ")), 340));
    // Candidates from GLEIF's API come without a city (only the mirror's have one).
    bool anyCity = false;
    for (int i = 0; i < m_model->entryCount() && !anyCity; ++i)
        for (const Match::Candidate &c : m_model->entry(i).result->candidates)
            anyCity = anyCity || !c.entity.city.isEmpty();
    m_view->setColumnHidden(MatchesModel::City, !anyCity);
    selectNextOpen(-1);
    updateState();
    return true;
}

void MatchesPanel::clear()
{
    m_model->clear();
    m_error.clear();
    updateState();
}

void MatchesPanel::setEnrichEnabled(bool enabled)
{
    m_enrich->setEnabled(enabled);
}

bool MatchesPanel::acceptCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    const int entry = m_model->entryOf(current);
    if (entry < 0 || m_model->entry(entry).result->candidates.isEmpty())
        return false;
    const int candidate = qMax(0, m_model->candidateOf(current));
    return decide(m_model->entry(entry).result->candidates[candidate].entity.lei, entry);
}

bool MatchesPanel::rejectCurrent()
{
    const int entry = m_model->entryOf(m_view->currentIndex());
    // An empty LEI, not a null one: Qt binds a null string as SQL NULL, which the table refuses.
    return entry >= 0 && decide(QStringLiteral(""), entry);
}

bool MatchesPanel::decide(const QString &lei, int entry)
{
    const MatchesModel::Entry e = m_model->entry(entry);
    if (e.name.isEmpty()) {
        m_error = tr("%1 was found by its BIC only: without a name the decision cannot be remembered.").arg(e.bic);
    } else if (LeiCache *decisions = cache()) {
        if (decisions->recordDecision(e.name, e.country, lei)) {
            m_error.clear();
            m_model->setDecision(e.name, e.country, lei);
            selectNextOpen(entry);
        } else {
            m_error = tr("The decision was not kept: %1").arg(decisions->lastError());
        }
    }
    updateState();
    return m_error.isEmpty();
}

void MatchesPanel::selectNextOpen(int after)
{
    const int n = m_model->entryCount();
    for (int k = 1; k <= n; ++k) {
        const int i = (after + k) % n;
        if (m_model->entry(i).state != MatchesModel::State::Open)
            continue;
        const QModelIndex best = m_model->candidateIndex(i, 0);
        const QModelIndex target = best.isValid() ? best : m_model->entryIndex(i);
        m_view->setCurrentIndex(target);
        m_view->scrollTo(m_model->entryIndex(i), QAbstractItemView::PositionAtTop);
        m_view->scrollTo(target);
        return;
    }
}

LeiCache *MatchesPanel::cache()
{
    if (m_cache)
        return m_cache.get();
    if (m_cachePath.isEmpty()) {
        m_error = tr("Decisions cannot be kept: enrichment runs without a cache file (Tools > Settings).");
        return nullptr;
    }
    auto opened = std::make_unique<LeiCache>();
    if (!opened->open(m_cachePath)) {
        m_error = tr("Decisions cannot be kept: %1").arg(opened->lastError());
        return nullptr;
    }
    m_cache = std::move(opened);
    return m_cache.get();
}

void MatchesPanel::updateState()
{
    const int entries = m_model->entryCount();
    const int open = m_model->openCount();
    const bool current = m_model->entryOf(m_view->currentIndex()) >= 0;
    m_accept->setEnabled(current);
    m_reject->setEnabled(current);
    if (!m_error.isEmpty()) {
        m_state->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_state->setText(m_error);
        return;
    }
    m_state->setStyleSheet(QString());
    if (entries == 0)
        m_state->setText(tr("Nothing to review. Enrich > Find LEIs... matches rows without an LEI by name."));
    else if (open == 0)
        m_state->setText(tr("All %Ln decided: Enrich Again with Decisions applies them.", nullptr, entries));
    else
        m_state->setText(tr("%Ln to decide", nullptr, open)
                         + (open < entries ? tr(", %Ln decided", nullptr, entries - open) : QString()));
}
