#include "summarypanel.h"

#include "costtotals.h"
#include "csvfile.h"
#include "enrichmentresults.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

// A value as a filter clause takes it (RowOrder::filtered): quoted when empty or spaced.
QString clauseValue(const QString &value)
{
    return value.isEmpty() || value.contains(u' ') ? u'"' + value + u'"' : value;
}

// The value axis, labelled in the UI's locale (QValueAxis formats with printf, in no locale):
// four or five steps of 1, 2 or 5 times a power of ten, counted in thousands, millions... when
// the numbers would be long.
QCategoryAxis *valueAxis(double low, double high)
{
    low = qMin(low, 0.0);
    high = qMax(high, 0.0);
    if (high - low <= 0)
        high = 1;
    const double raw = (high - low) / 4;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    }
    const double first = std::floor(low / step) * step;
    const double last = std::ceil(high / step) * step;
    const QString units[] = {QString(), SummaryPanel::tr("thousands"), SummaryPanel::tr("millions"),
                             SummaryPanel::tr("billions"), SummaryPanel::tr("trillions")};
    int unit = 0;
    while (unit < 4 && qMax(std::abs(first), std::abs(last)) / std::pow(1000.0, unit) >= 10000)
        ++unit;
    const double scale = std::pow(1000.0, unit);
    const int decimals = qMax(0, -int(std::floor(std::log10(step / scale) + 1e-9)));
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setRange(first, last);
    axis->setStartValue(first);
    const int steps = int(std::lround((last - first) / step));
    for (int i = 0; i <= steps; ++i) {
        double v = first + i * step;
        if (std::abs(v) < step * 1e-9)
            v = 0; // no "-0"
        axis->append(QLocale().toString(v / scale, 'f', decimals), v);
    }
    axis->setTitleText(units[unit]);
    return axis;
}

} // namespace

SummaryPanel::SummaryPanel(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_table(new QTableWidget(0, 3, this))
{
    const QString names[] = {QStringLiteral("costChart"), QStringLiteral("statusChart"), QStringLiteral("warningChart")};
    const QString tabs[] = {tr("&Costs"), tr("S&tatuses"), tr("&Warnings")};
    for (int c = 0; c < 3; ++c) {
        auto *view = new QChartView(m_tabs);
        view->setObjectName(names[c]);
        view->setRenderHint(QPainter::Antialiasing);
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &pos) {
            QMenu menu(view);
            menu.addAction(tr("Save Chart As..."), this, &SummaryPanel::saveDialog);
            menu.exec(view->mapToGlobal(pos));
        });
        m_charts[size_t(c)] = view;
        m_tabs->addTab(view, tabs[c]);
    }
    auto *save = new QToolButton(m_tabs);
    save->setObjectName(QStringLiteral("saveChartButton"));
    save->setText(tr("Save Chart..."));
    save->setToolTip(tr("Save the chart shown as a PNG or SVG image"));
    connect(save, &QToolButton::clicked, this, &SummaryPanel::saveDialog);
    m_tabs->setCornerWidget(save, Qt::TopRightCorner);

    m_table->setObjectName(QStringLiteral("summaryTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Numbers are never cut: every column as wide as its widest cell, a scroll bar if need be.
    m_table->setTextElideMode(Qt::ElideNone);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setToolTip(tr("Double-click a line to show its rows in the table"));
    connect(m_table, &QTableWidget::itemActivated, this, [this](QTableWidgetItem *item) {
        const QString filter = m_table->item(item->row(), 0) ? m_table->item(item->row(), 0)->data(Qt::UserRole).toString() : QString();
        if (!filter.isEmpty())
            Q_EMIT filterRequested(filter);
    });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({640, 320});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void SummaryPanel::setResults(const EnrichmentResults &results, const CsvFile &file,
                              const QVector<std::pair<QString, qint64>> &warningGroups)
{
    const QLocale locale;
    const QVector<CostTotal> totals = CostTotals::compute(results, file, CostTotals::findCurrencyColumn(file.header()));
    auto country = [](const CostTotal &t) { return t.country.isEmpty() ? tr("(no country)") : t.country; };
    auto currency = [](const CostTotal &t) { return t.currency.isEmpty() ? tr("(currency unknown)") : t.currency; };
    auto costFilter = [](const CostTotal &t) {
        return QStringLiteral("status is ok and country is %1 and currency is %2").arg(clauseValue(t.country), clauseValue(t.currency));
    };

    // Costs: the largest totals (either sign), then what is left, one "other" bar per currency
    // (never a sum across currencies).
    QVector<CostTotal> ranked = totals;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const CostTotal &a, const CostTotal &b) { return std::abs(a.total) > std::abs(b.total); });
    QVector<Bar> costs;
    QVector<CostTotal> others; // per currency
    QVector<int> otherGroups;
    for (int i = 0; i < ranked.size(); ++i) {
        const CostTotal &t = ranked[i];
        if (i < kTopCostBars) {
            costs.append({country(t) + u' ' + currency(t), t.total, currency(t),
                          tr("%1 %2: %3 (%Ln ok row(s))", nullptr, int(qMin<qint64>(t.rows, INT_MAX)))
                              .arg(country(t), currency(t), locale.toString(t.total, 'f', 2)),
                          costFilter(t)});
            continue;
        }
        auto it = std::find_if(others.begin(), others.end(), [&](const CostTotal &o) { return o.currency == t.currency; });
        if (it == others.end()) {
            others.append({QString(), t.currency, 0, 0});
            otherGroups.append(0);
            it = others.end() - 1;
        }
        it->total += t.total;
        it->rows += t.rows;
        ++otherGroups[int(it - others.begin())];
    }
    for (int i = 0; i < others.size(); ++i) {
        const CostTotal &o = others[i];
        costs.append({tr("Other %1").arg(currency(o)), o.total, currency(o),
                      tr("%n more countries in %1: %2 (see the table below)", nullptr, otherGroups[i])
                          .arg(currency(o), locale.toString(o.total, 'f', 2)),
                      QString()});
    }
    draw(Costs, costs.isEmpty() ? tr("No ok rows: no costs to total") : tr("Cost totals of ok rows per country and currency"),
         costs, true);

    QVector<Bar> statuses;
    for (RowStatus s : Status::kAll) {
        if (const qint64 n = results.countOf(s); n > 0)
            statuses.append({Status::code(s), double(n), Status::code(s),
                             tr("%1: %L2 rows").arg(Status::describe(s)).arg(n),
                             QStringLiteral("status is ") + Status::code(s)});
    }
    draw(Statuses, tr("Rows per status"), statuses, false);

    QVector<Bar> warnings;
    for (const auto &[code, n] : warningGroups)
        warnings.append({code, double(n), tr("rows"), tr("%1: %L2 rows").arg(code).arg(n),
                         QStringLiteral("warning is ") + clauseValue(code)});
    draw(Warnings, warnings.isEmpty() ? tr("No rows with warnings") : tr("Rows per warning"), warnings, false);

    m_table->clearContents();
    m_table->clearSpans();
    m_table->setRowCount(0);
    m_table->setHorizontalHeaderLabels({tr("Group"), tr("Rows"), tr("Total cost")});
    addTableHeading(tr("Rows by status"));
    for (const Bar &b : std::as_const(statuses))
        addTableRow(b.label, qint64(b.value), QString(), b.filter);
    if (!warnings.isEmpty()) {
        addTableHeading(tr("Rows by warning"));
        for (const Bar &b : std::as_const(warnings))
            addTableRow(b.label, qint64(b.value), QString(), b.filter);
    }
    // Each cost is in its notional's currency: one total per country and currency.
    addTableHeading(tr("Costs by country and currency (ok rows)"));
    if (totals.isEmpty())
        addTableHeading(tr("none"), false);
    for (const CostTotal &t : totals)
        addTableRow(country(t) + u' ' + currency(t), t.rows, locale.toString(t.total, 'f', 2), costFilter(t));
}

void SummaryPanel::addTableHeading(const QString &label, bool bold)
{
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    auto *item = new QTableWidgetItem(label);
    QFont font = item->font();
    font.setBold(bold);
    item->setFont(font);
    m_table->setItem(r, 0, item);
    m_table->setSpan(r, 0, 1, m_table->columnCount()); // not a width the numbers' columns need
}

void SummaryPanel::addTableRow(const QString &label, qint64 rows, const QString &cost, const QString &filter)
{
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    auto *name = new QTableWidgetItem(label);
    name->setData(Qt::UserRole, filter);
    m_table->setItem(r, 0, name);
    auto *count = new QTableWidgetItem(QLocale().toString(rows));
    count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(r, 1, count);
    auto *total = new QTableWidgetItem(cost);
    total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(r, 2, total);
}

int SummaryPanel::tableWidth() const
{
    int width = m_table->frameWidth() * 2 + m_table->verticalScrollBar()->sizeHint().width();
    for (int c = 0; c < m_table->columnCount(); ++c)
        width += m_table->horizontalHeader()->sectionSize(c);
    return width;
}

void SummaryPanel::draw(Chart which, const QString &title, const QVector<Bar> &bars, bool legend)
{
    m_bars[size_t(which)] = bars;
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 20, 4)); // room for half the last value label
    QFont small = chart->titleFont();
    small.setPointSizeF(font().pointSizeF() * 0.85); // fifteen and more bars fit a 1024x768 window
    chart->setTitleFont(small);
    chart->legend()->setVisible(legend);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChartView *view = m_charts[size_t(which)];
    if (!bars.isEmpty()) {
        // Stacked, a set per colour: each category holds one bar of its own set.
        auto *series = new QHorizontalStackedBarSeries(chart);
        QStringList sets;
        double low = 0, high = 0;
        for (const Bar &b : bars) {
            if (!sets.contains(b.set))
                sets.append(b.set);
            low = qMin(low, b.value);
            high = qMax(high, b.value);
        }
        const int n = int(bars.size());
        QStringList categories; // bottom to top: the first bar on top
        for (int i = n - 1; i >= 0; --i)
            categories.append(bars[i].label);
        for (const QString &name : std::as_const(sets)) {
            auto *set = new QBarSet(name, series);
            for (int i = n - 1; i >= 0; --i)
                set->append(bars[i].set == name ? bars[i].value : 0);
            connect(set, &QBarSet::hovered, view, [this, which, view, n](bool on, int index) {
                const QString tip = on && index >= 0 && index < n ? m_bars[size_t(which)][n - 1 - index].tip : QString();
                // The scene shows the tooltip of the item under the mouse, the chart's when a bar
                // has none (a view's own would be hidden by the scene).
                view->chart()->setToolTip(tip);
            });
            connect(set, &QBarSet::clicked, this, [this, which, n](int index) {
                if (index < 0 || index >= n)
                    return;
                if (const QString filter = m_bars[size_t(which)][n - 1 - index].filter; !filter.isEmpty())
                    Q_EMIT filterRequested(filter);
            });
            series->append(set);
        }
        series->setBarWidth(0.75);
        chart->addSeries(series);
        auto *axisY = new QBarCategoryAxis(chart);
        axisY->append(categories);
        axisY->setLabelsFont(small);
        axisY->setTruncateLabels(false); // Qt Charts cuts "GB EUR" to "..." below about 20 px a bar
        chart->addAxis(axisY, Qt::AlignLeft);
        series->attachAxis(axisY);
        QCategoryAxis *axisX = valueAxis(low, high);
        axisX->setLabelsFont(small);
        axisX->setTitleFont(small);
        chart->legend()->setFont(small);
        chart->addAxis(axisX, Qt::AlignBottom);
        series->attachAxis(axisX);
    }
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

bool SummaryPanel::saveChart(Chart which, const QString &path, QString *error) const
{
    QChartView *view = m_charts[size_t(which)];
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != u"png" && suffix != u"svg") {
        *error = tr("%1: a chart is saved as .png or .svg").arg(QDir::toNativeSeparators(path));
        return false;
    }
    QSaveFile file(path); // a failure leaves an existing file as it was
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    bool written = true;
    if (suffix == u"png") {
        written = view->grab().save(&file, "PNG");
    } else {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(view->size());
        svg.setViewBox(QRect(QPoint(0, 0), view->size()));
        svg.setTitle(view->chart()->title());
        QPainter painter(&svg);
        view->render(&painter);
        painter.end();
    }
    if (!written || !file.commit()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), written ? file.errorString() : tr("the image could not be written"));
        return false;
    }
    return true;
}

void SummaryPanel::saveDialog()
{
    const auto which = Chart(m_tabs->currentIndex());
    const QString names[] = {QStringLiteral("cost-totals"), QStringLiteral("rows-per-status"), QStringLiteral("rows-per-warning")};
    QString selected;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save chart"),
        QDir(QSettings().value(QStringLiteral("lastDirectory")).toString()).filePath(names[which] + QStringLiteral(".png")),
        tr("PNG image (*.png);;SVG image (*.svg)"), &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QStringLiteral("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    QString error;
    if (!saveChart(which, path, &error))
        QMessageBox::warning(this, tr("Save chart"), error);
}
