#include "cachedialog.h"

#include "cacheentrymodel.h"
#include "duration.h"
#include "leicache.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {
// Long enough that typing a LEI does not run a search per keystroke over a million rows.
constexpr int FilterDelayMs = 250;
} // namespace

CacheDialog::CacheDialog(LeiCache *cache, QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_model(new CacheEntryModel(cache, this))
    , m_warningLabel(new QLabel(this))
    , m_countsLabel(new QLabel(this))
    , m_sizeLabel(new QLabel(this))
    , m_datesLabel(new QLabel(this))
    , m_shownLabel(new QLabel(this))
    , m_searchEdit(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_deleteButton(new QPushButton(tr("&Delete selected"), this))
    , m_purgeButton(new QPushButton(tr("&Purge expired"), this))
    , m_clearButton(new QPushButton(tr("C&lear all…"), this))
    , m_filterTimer(new QTimer(this))
{
    setWindowTitle(tr("Cache"));
    resize(900, 560);

    m_warningLabel->setObjectName(QStringLiteral("warningLabel"));
    m_warningLabel->setWordWrap(true);
    m_warningLabel->setText(m_cache->warning());
    m_warningLabel->setVisible(!m_cache->warning().isEmpty());
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_sizeLabel->setObjectName(QStringLiteral("sizeLabel"));
    m_datesLabel->setObjectName(QStringLiteral("datesLabel"));
    m_shownLabel->setObjectName(QStringLiteral("shownLabel"));
    for (QLabel *label : {m_countsLabel, m_sizeLabel, m_datesLabel})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *fileLabel = new QLabel(QDir::toNativeSeparators(m_cache->path()), this);
    fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *summary = new QFormLayout;
    summary->addRow(tr("File:"), fileLabel);
    summary->addRow(tr("Entries:"), m_countsLabel);
    summary->addRow(tr("Size on disk:"), m_sizeLabel);
    summary->addRow(tr("Fetched:"), m_datesLabel);
    summary->addRow(tr("Lifetime:"),
                    new QLabel(tr("%1 (not found: %2)")
                                   .arg(Duration::format(m_cache->lifetime()), Duration::format(m_cache->notFoundLifetime())),
                               this));

    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search LEI or legal name"));
    m_searchEdit->setClearButtonEnabled(true);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_searchEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, &CacheDialog::applyFilter);

    m_view->setObjectName(QStringLiteral("entriesView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed heights and widths: measuring contents would read every loaded row.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const int charWidth = m_view->fontMetrics().horizontalAdvance(u'M');
    header->resizeSection(CacheEntryModel::LeiColumn, charWidth * 17);
    header->resizeSection(CacheEntryModel::LegalNameColumn, charWidth * 22);
    header->resizeSection(CacheEntryModel::CountryColumn, charWidth * 5);
    header->resizeSection(CacheEntryModel::FetchedColumn, charWidth * 11);
    header->resizeSection(CacheEntryModel::ExpiresColumn, charWidth * 13);

    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_purgeButton->setObjectName(QStringLiteral("purgeButton"));
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_deleteButton->setEnabled(false);
    connect(m_deleteButton, &QPushButton::clicked, this, &CacheDialog::deleteSelected);
    connect(m_purgeButton, &QPushButton::clicked, this, &CacheDialog::purgeExpired);
    connect(m_clearButton, &QPushButton::clicked, this, &CacheDialog::clearAll);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_deleteButton->setEnabled(m_view->selectionModel()->hasSelection()); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CacheDialog::updateShown);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &CacheDialog::updateShown);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CacheDialog::updateShown);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_deleteButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_purgeButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_clearButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_warningLabel);
    layout->addLayout(summary);
    layout->addWidget(m_searchEdit);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_shownLabel);
    layout->addWidget(buttons);

    updateCounts();
    updateShown();
}

CacheDialog::~CacheDialog() = default;

void CacheDialog::refresh()
{
    m_model->reload();
    updateCounts();
}

void CacheDialog::updateCounts()
{
    const std::optional<CacheStats> s = m_cache->stats();
    if (!s) {
        m_countsLabel->setText(tr("unavailable: %1").arg(m_cache->lastError()));
        m_sizeLabel->clear();
        m_datesLabel->clear();
        return;
    }
    const QLocale locale;
    m_countsLabel->setText(tr("%1 (%2 fresh, %3 expired; %4 not found)")
                               .arg(locale.toString(s->total), locale.toString(s->fresh),
                                    locale.toString(s->expired), locale.toString(s->notFound)));
    m_sizeLabel->setText(locale.formattedDataSize(s->sizeOnDisk));
    m_datesLabel->setText(s->total == 0
                              ? tr("never")
                              : tr("oldest %1, newest %2")
                                    .arg(locale.toString(s->oldestFetch.toLocalTime(), QLocale::ShortFormat),
                                         locale.toString(s->newestFetch.toLocalTime(), QLocale::ShortFormat)));
    m_purgeButton->setEnabled(s->expired > 0);
    m_clearButton->setEnabled(s->total > 0);
}

void CacheDialog::updateShown()
{
    const int rows = m_model->rowCount();
    m_shownLabel->setText(m_model->canFetchMore({}) ? tr("%n entries shown; scroll for more", nullptr, rows)
                                                     : tr("%n entries shown", nullptr, rows));
    m_deleteButton->setEnabled(m_view->selectionModel() && m_view->selectionModel()->hasSelection());
}

void CacheDialog::applyFilter()
{
    m_filterTimer->stop();
    m_model->setFilter(m_searchEdit->text().trimmed());
}

void CacheDialog::deleteSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty())
        return;
    if (m_model->removeEntries(rows) < 0)
        reportError(tr("Deleting the selected entries failed."));
    updateCounts();
}

void CacheDialog::purgeExpired()
{
    if (m_cache->purgeExpired() < 0)
        reportError(tr("Purging the expired entries failed."));
    refresh();
}

void CacheDialog::clearAll()
{
    const std::optional<CacheStats> s = m_cache->stats();
    const qint64 total = s ? s->total : 0;
    const auto answer = QMessageBox::question(
        this, tr("Clear cache"),
        tr("Delete all %1 cached answers? The next run fetches every LEI from GLEIF again.")
            .arg(QLocale().toString(total)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    if (m_cache->clear() < 0)
        reportError(tr("Clearing the cache failed."));
    refresh();
}

void CacheDialog::reportError(const QString &action)
{
    QMessageBox::warning(this, tr("Cache"), action + u'\n' + m_cache->lastError());
}
