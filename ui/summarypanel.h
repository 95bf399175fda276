#pragma once

#include <QVector>
#include <QWidget>

#include <array>
#include <utility>

class CsvFile;
class EnrichmentResults;
class QChartView;
class QTableWidget;
class QTabWidget;

// The Summary dock's contents: charts of a run (cost totals per country and currency, rows per
// status, rows per warning code) above a table of the same numbers. Hovering a bar shows its
// exact value; clicking it asks for the table to be filtered to its rows (a RowOrder filter);
// a chart can be saved as PNG or SVG.
class SummaryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryPanel)
public:
    enum Chart { Costs, Statuses, Warnings };
    static constexpr int kTopCostBars = 15; // then one "other" bar per currency

    explicit SummaryPanel(QWidget *parent = nullptr);

    // `warningGroups`: rows per warning group, as the failures panel lists them.
    void setResults(const EnrichmentResults &results, const CsvFile &file,
                    const QVector<std::pair<QString, qint64>> &warningGroups);
    QChartView *chartView(Chart chart) const { return m_charts[size_t(chart)]; }
    QTableWidget *table() const { return m_table; }
    // PNG or SVG by the suffix of `path`, written atomically; false with `error` set otherwise.
    bool saveChart(Chart chart, const QString &path, QString *error) const;
    // The width that shows the table's numbers whole.
    int tableWidth() const;

Q_SIGNALS:
    void filterRequested(const QString &filter); // a bar or table row was clicked

private:
    struct Bar
    {
        QString label;
        double value = 0;
        QString set;    // bars of one set share a colour and a legend entry (the currency)
        QString tip;    // the exact value, for the tooltip
        QString filter; // the rows behind the bar; empty: none to show (an "other" bar)
    };
    void draw(Chart chart, const QString &title, const QVector<Bar> &bars, bool legend);
    void saveDialog();
    void addTableRow(const QString &label, qint64 rows, const QString &cost, const QString &filter);
    void addTableHeading(const QString &label, bool bold = true); // across the columns

    QTabWidget *m_tabs;
    std::array<QChartView *, 3> m_charts{};
    std::array<QVector<Bar>, 3> m_bars; // per chart, in category order
    QTableWidget *m_table;
};
