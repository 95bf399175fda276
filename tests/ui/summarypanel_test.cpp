#include "csvfile.h"
#include "csvtablemodel.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "mainwindow.h"
#include "summarypanel.h"
#include "testfiles.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using Bars = QMap<QString, double>;
Q_DECLARE_METATYPE(SummaryPanel::Chart)

// The Summary dock after a run: its charts show the run's numbers, a bar's tooltip its exact
// value, a click filters the table to the bar's rows, charts save as PNG and SVG, the table's
// numbers are whole.
class SummaryPanelTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void chartsShowTheRunsNumbers();
    void hoverShowsTheExactValue();
    void clickingABarFiltersTheTable_data();
    void clickingABarFiltersTheTable();
    void topBarsThenOtherPerCurrency();
    void savesAChart_data();
    void savesAChart();
    void tableNumbersAreWhole();
    void numbersInTheWindowsLocale();

private:
    // Opens `csv` in `w` against `fake` and enriches it: true once the run ended.
    bool enrich(MainWindow &w, const FakeGleif &fake, const QByteArray &csv, const QString &name);
    QTemporaryDir m_dir;
    FakeGleif m_fake;
};

namespace {

QChartView *chart(MainWindow &w, SummaryPanel::Chart which)
{
    return w.summaryPanel()->chartView(which);
}

QAbstractBarSeries *series(QChartView *view)
{
    return view->chart()->series().isEmpty() ? nullptr : qobject_cast<QAbstractBarSeries *>(view->chart()->series().first());
}

QStringList categories(QChartView *view)
{
    const auto axes = view->chart()->axes(Qt::Vertical);
    auto *axis = axes.isEmpty() ? nullptr : qobject_cast<QBarCategoryAxis *>(axes.first());
    return axis ? axis->categories() : QStringList();
}

// Each category with its value (each category's bar is in one set, the others hold 0 there).
Bars bars(QChartView *view)
{
    Bars out;
    const QStringList names = categories(view);
    if (QAbstractBarSeries *s = series(view))
        for (int i = 0; i < names.size(); ++i)
            for (QBarSet *set : s->barSets())
                out[names[i]] += set->at(i);
    return out;
}

// The set that draws the bar of `label`, and the bar's index in it.
std::pair<QBarSet *, int> bar(QChartView *view, const QString &label)
{
    const int index = int(categories(view).indexOf(label));
    if (QAbstractBarSeries *s = series(view); s && index >= 0)
        for (QBarSet *set : s->barSets())
            if (set->at(index) != 0)
                return {set, index};
    return {nullptr, -1};
}

QList<qint64> shownRows(MainWindow &w)
{
    QList<qint64> rows;
    for (int r = 0; r < w.tableModel()->rowCount(); ++r)
        rows.append(w.tableModel()->fileRow(r));
    return rows;
}

// Synthetic entities (healthVariety): 0 GB, 1 NL lapsed, 3 FR merged with a successor.
QByteArray runFile()
{
    auto lei = [](int i) { return FakeGleif::syntheticLei(i).toLatin1(); };
    return "notional,rate,lei,notional_currency\n"
           "1000000,0.5," + lei(0) + ",GBP\n" // 0 GB GBP -500,000
           "2000000,0.5," + lei(0) + ",EUR\n" // 1 GB EUR -1,000,000
           "1000,0.5," + lei(1) + ",EUR\n"    // 2 NL EUR 1,000; lapsed
           "1000,0," + lei(1) + ",EUR\n"      // 3 bad_number; lapsed
           "1,1,bad,EUR\n"                    // 4 invalid_lei
           "3000000,0.5," + lei(0) + ",GBP\n" // 5 GB GBP -1,500,000
           "1000,0.5," + lei(3) + ",USD\n";   // 6 FR USD 0; merged, successor
}

} // namespace

void SummaryPanelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("summarypanel_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    FakeGleif::Options o;
    o.syntheticEntities = 8;
    o.healthVariety = true;
    m_fake.setOptions(o);
    QVERIFY(m_fake.listen());
}

bool SummaryPanelTest::enrich(MainWindow &w, const FakeGleif &fake, const QByteArray &csv, const QString &name)
{
    w.resize(1024, 768);
    w.show();
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.cachePath = m_dir.filePath(name + QStringLiteral(".sqlite"));
    w.setEnrichmentSettings(s);
    QSignalSpy ready(&w, &MainWindow::fileReady);
    if (!w.openFile(writeTestFile(m_dir.path(), name + QStringLiteral(".csv"), csv)) || !ready.wait(60000))
        return false;
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    return w.enrich() && finished.wait(60000);
}

void SummaryPanelTest::chartsShowTheRunsNumbers()
{
    MainWindow w;
    QVERIFY(enrich(w, m_fake, runFile(), QStringLiteral("charts")));
    QVERIFY(w.summaryPanel()->isVisible());
    QCOMPARE(bars(chart(w, SummaryPanel::Costs)),
             (Bars{{QStringLiteral("GB GBP"), -2000000}, {QStringLiteral("GB EUR"), -1000000},
                   {QStringLiteral("NL EUR"), 1000}, {QStringLiteral("FR USD"), 0}}));
    // The largest first (on top), a colour and legend entry per currency.
    QCOMPARE(categories(chart(w, SummaryPanel::Costs)).constLast(), QStringLiteral("GB GBP"));
    QStringList currencies;
    for (QBarSet *set : series(chart(w, SummaryPanel::Costs))->barSets())
        currencies.append(set->label());
    QCOMPARE(currencies, (QStringList{QStringLiteral("GBP"), QStringLiteral("EUR"), QStringLiteral("USD")}));
    QCOMPARE(bars(chart(w, SummaryPanel::Statuses)),
             (Bars{{QStringLiteral("ok"), 5}, {QStringLiteral("invalid_lei"), 1}, {QStringLiteral("bad_number"), 1}}));
    QCOMPARE(bars(chart(w, SummaryPanel::Warnings)),
             (Bars{{QStringLiteral("lapsed"), 2}, {QStringLiteral("merged"), 1}, {QStringLiteral("successor"), 1}}));

    // Another file without warnings: the charts are replaced, not added to.
    QVERIFY(enrich(w, m_fake, "notional,rate,lei\n1000,0.5," + FakeGleif::syntheticLei(0).toLatin1() + "\n",
                   QStringLiteral("charts2")));
    QCOMPARE(bars(chart(w, SummaryPanel::Statuses)), (Bars{{QStringLiteral("ok"), 1}}));
    QCOMPARE(bars(chart(w, SummaryPanel::Costs)), (Bars{{QStringLiteral("GB (currency unknown)"), -500}}));
    QVERIFY(chart(w, SummaryPanel::Warnings)->chart()->series().isEmpty());
}

void SummaryPanelTest::hoverShowsTheExactValue()
{
    MainWindow w;
    QVERIFY(enrich(w, m_fake, runFile(), QStringLiteral("hover")));
    QChartView *costs = chart(w, SummaryPanel::Costs);
    const auto [set, index] = bar(costs, QStringLiteral("GB GBP"));
    QVERIFY(set);
    Q_EMIT set->hovered(true, index);
    const QString tip = costs->chart()->toolTip();
    QVERIFY2(tip.startsWith(QStringLiteral("GB GBP: ") + QLocale().toString(-2000000.0, 'f', 2)), qPrintable(tip));
    QVERIFY2(tip.contains(QLocale().toString(2)), qPrintable(tip)); // its rows
    Q_EMIT set->hovered(false, index);
    QVERIFY(costs->chart()->toolTip().isEmpty());
    QChartView *statuses = chart(w, SummaryPanel::Statuses);
    const auto [okSet, okIndex] = bar(statuses, QStringLiteral("ok"));
    QVERIFY(okSet);
    Q_EMIT okSet->hovered(true, okIndex);
    QVERIFY2(statuses->chart()->toolTip().endsWith(QStringLiteral(": 5 rows")), qPrintable(statuses->chart()->toolTip()));
}

void SummaryPanelTest::clickingABarFiltersTheTable_data()
{
    QTest::addColumn<SummaryPanel::Chart>("chart");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QList<qint64>>("rows");
    QTest::newRow("cost GB GBP") << SummaryPanel::Costs << QStringLiteral("GB GBP") << QList<qint64>{0, 5};
    QTest::newRow("cost NL EUR") << SummaryPanel::Costs << QStringLiteral("NL EUR") << QList<qint64>{2};
    QTest::newRow("status ok") << SummaryPanel::Statuses << QStringLiteral("ok") << QList<qint64>{0, 1, 2, 5, 6};
    QTest::newRow("status bad_number") << SummaryPanel::Statuses << QStringLiteral("bad_number") << QList<qint64>{3};
    QTest::newRow("warning lapsed") << SummaryPanel::Warnings << QStringLiteral("lapsed") << QList<qint64>{2, 3};
    QTest::newRow("warning successor") << SummaryPanel::Warnings << QStringLiteral("successor") << QList<qint64>{6};
}

void SummaryPanelTest::clickingABarFiltersTheTable()
{
    QFETCH(SummaryPanel::Chart, chart);
    QFETCH(QString, label);
    QFETCH(QList<qint64>, rows);
    MainWindow w;
    QVERIFY(enrich(w, m_fake, runFile(), QStringLiteral("click")));
    QCOMPARE(w.tableModel()->rowCount(), 7);
    const auto [set, index] = bar(::chart(w, chart), label);
    QVERIFY(set);
    QSignalSpy reordered(&w, &MainWindow::rowOrderChanged);
    Q_EMIT set->clicked(index);
    QVERIFY(reordered.wait(60000));
    QCOMPARE(shownRows(w), rows);
    QVERIFY(!w.filterBox()->text().isEmpty()); // said where the user sees it, and cleared there
}

void SummaryPanelTest::topBarsThenOtherPerCurrency()
{
    // 18 totals: GB (-10,000 .. -18,000) and NL (1,000 .. 9,000) in nine currencies. The 15
    // largest get a bar each; the three smallest, NL in AUD, CAD and CHF, an "other" bar per
    // currency, which filters nothing (it stands for several groups).
    const QList<QByteArray> currencies{"AUD", "CAD", "CHF", "EUR", "GBP", "JPY", "NOK", "SEK", "USD"};
    QByteArray csv = "notional,rate,lei,currency\n";
    for (int k = 0; k < 9; ++k) {
        csv += QByteArray::number(2 * (k + 10) * 1000) + ",0.5," + FakeGleif::syntheticLei(0).toLatin1() + ',' + currencies[k] + '\n';
        csv += QByteArray::number((k + 1) * 1000) + ",0.5," + FakeGleif::syntheticLei(7).toLatin1() + ',' + currencies[k] + '\n';
    }
    MainWindow w;
    QVERIFY(enrich(w, m_fake, csv, QStringLiteral("top")));
    QChartView *costs = chart(w, SummaryPanel::Costs);
    const Bars shown = bars(costs);
    QCOMPARE(shown.size(), SummaryPanel::kTopCostBars + 3);
    QCOMPARE(shown.value(QStringLiteral("GB USD")), -18000);
    QCOMPARE(shown.value(QStringLiteral("NL EUR")), 4000);
    QVERIFY(!shown.contains(QStringLiteral("NL CHF")));
    QCOMPARE(shown.value(QStringLiteral("Other AUD")), 1000);
    QCOMPARE(shown.value(QStringLiteral("Other CAD")), 2000);
    QCOMPARE(shown.value(QStringLiteral("Other CHF")), 3000);
    QCOMPARE(categories(costs).constFirst(), QStringLiteral("Other AUD")); // the smallest, at the bottom
    const auto [set, index] = bar(costs, QStringLiteral("Other AUD"));
    QVERIFY(set);
    Q_EMIT set->clicked(index);
    QVERIFY(w.filterBox()->text().isEmpty());
    // The table lists every total.
    QCOMPARE(w.summaryPanel()->table()->findItems(QStringLiteral("NL CHF"), Qt::MatchExactly).size(), 1);
}

void SummaryPanelTest::savesAChart_data()
{
    QTest::addColumn<SummaryPanel::Chart>("chart");
    QTest::addColumn<QString>("name");
    QTest::newRow("costs, PNG") << SummaryPanel::Costs << QStringLiteral("costs.png");
    QTest::newRow("costs, SVG") << SummaryPanel::Costs << QStringLiteral("costs.svg");
    QTest::newRow("warnings, SVG") << SummaryPanel::Warnings << QStringLiteral("warnings.SVG");
    QTest::newRow("statuses, PNG, replacing a file") << SummaryPanel::Statuses << QStringLiteral("existing.png");
}

void SummaryPanelTest::savesAChart()
{
    QFETCH(SummaryPanel::Chart, chart);
    QFETCH(QString, name);
    MainWindow w;
    QVERIFY(enrich(w, m_fake, runFile(), QStringLiteral("save")));
    const QString path = m_dir.filePath(name);
    if (name.startsWith(u"existing"))
        writeTestFile(m_dir.path(), name, "old");
    QString error;
    QVERIFY2(w.summaryPanel()->saveChart(chart, path, &error), qPrintable(error));
    if (name.endsWith(QStringLiteral(".png"))) {
        const QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size() / image.devicePixelRatio(), ::chart(w, chart)->size());
        return;
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QVERIFY(xml.readNextStartElement());
    QCOMPARE(xml.name(), QStringLiteral("svg"));
    bool hasTitle = false;
    while (!xml.atEnd()) {
        xml.readNext();
        hasTitle = hasTitle || (xml.isCharacters() && xml.text().contains(::chart(w, chart)->chart()->title()));
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(hasTitle);
}

void SummaryPanelTest::tableNumbersAreWhole()
{
    // A total of a hundred trillion in a 1024-pixel window: every number as wide as it needs.
    MainWindow w;
    QVERIFY(enrich(w, m_fake, "notional,rate,lei,ccy\n100000000000000,2," + FakeGleif::syntheticLei(0).toLatin1() + ",GBP\n"
                              "1000,0,bad,GBP\n",
                   QStringLiteral("wide")));
    QTableWidget *table = w.summaryPanel()->table();
    QVERIFY(table->isVisible());
    const QString total = QLocale().toString(1e14, 'f', 2);
    QCOMPARE(table->findItems(total, Qt::MatchExactly).size(), 1);
    QCOMPARE(table->textElideMode(), Qt::ElideNone);
    for (int r = 0; r < table->rowCount(); ++r) {
        for (int c = 1; c < table->columnCount(); ++c) {
            if (const QTableWidgetItem *item = table->item(r, c))
                QVERIFY2(table->columnWidth(c) >= table->fontMetrics().horizontalAdvance(item->text()),
                         qPrintable(item->text()));
        }
    }
    // And the dock opens wide enough to show them without scrolling.
    QTRY_VERIFY(table->viewport()->width() >= table->horizontalHeader()->length());

    // Saving under an unknown suffix is refused, nothing written.
    QString error;
    QVERIFY(!w.summaryPanel()->saveChart(SummaryPanel::Costs, m_dir.filePath(QStringLiteral("chart.jpg")), &error));
    QVERIFY2(error.contains(QStringLiteral(".png")), qPrintable(error));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("chart.jpg"))));
    QVERIFY(!w.summaryPanel()->saveChart(SummaryPanel::Costs, m_dir.filePath(QStringLiteral("no/such/dir/chart.png")), &error));
    QVERIFY2(error.contains(QStringLiteral("chart.png")), qPrintable(error));
}

void SummaryPanelTest::numbersInTheWindowsLocale()
{
    // German: the table and the value axis group thousands with "." (QValueAxis would print
    // "-2000000" whatever the language).
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    MainWindow w;
    const bool enriched = enrich(w, m_fake, runFile(), QStringLiteral("german"));
    QLocale::setDefault(before);
    QVERIFY(enriched);
    QCOMPARE(w.summaryPanel()->table()->findItems(QStringLiteral("-2.000.000,00"), Qt::MatchExactly).size(), 1);
    const auto axes = chart(w, SummaryPanel::Costs)->chart()->axes(Qt::Horizontal);
    auto *values = axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis *>(axes.first());
    QVERIFY(values);
    QCOMPARE(values->categoriesLabels(),
             (QStringList{QStringLiteral("-2.000"), QStringLiteral("-1.000"), QStringLiteral("0"), QStringLiteral("1.000")}));
    QCOMPARE(values->titleText(), QStringLiteral("thousands"));
}

QTEST_MAIN(SummaryPanelTest)
#include "summarypanel_test.moc"
