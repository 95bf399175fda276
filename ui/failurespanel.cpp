#include "failurespanel.h"

#include "failuresmodel.h"

#include <QHeaderView>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

FailuresPanel::FailuresPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new FailuresModel(this))
    , m_view(new QTreeView(this))
    , m_retry(new QPushButton(tr("&Retry failed lookups"), this))
{
    m_view->setObjectName(QStringLiteral("failuresView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addWidget(m_retry, 0, Qt::AlignRight);
    connect(m_retry, &QPushButton::clicked, this, &FailuresPanel::retryRequested);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QVariant row = index.data(FailuresModel::RowRole);
        if (row.isValid())
            Q_EMIT rowActivated(row.toLongLong());
    });
}

bool FailuresPanel::setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file)
{
    m_model->setResults(std::move(results), std::move(file));
    if (m_model->failureCount() == 0 && m_model->warningCount() == 0)
        return false;
    m_view->expandToDepth(0);
    m_view->resizeColumnToContents(0);
    m_view->resizeColumnToContents(1);
    return true;
}

void FailuresPanel::clear()
{
    m_model->clear();
}

void FailuresPanel::setRetryEnabled(bool enabled)
{
    m_retry->setEnabled(enabled);
}
