#include "csvtablemodel.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "findleisdialog.h"
#include "leicache.h"
#include "mainwindow.h"
#include "matchesmodel.h"
#include "matchespanel.h"
#include "testfiles.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <functional>

// Finding LEIs by name in the window (issue 14): Enrich > Find LEIs..., the LEI-column prompt's
// "find LEIs by name", and the Matches dock's review (Accept, Reject, Enrich Again).
class MatchesPanelTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void proposesColumnsByHeader_data();
    void proposesColumnsByHeader();
    void findLeisByNameThroughTheDialog();
    void leiColumnPromptFindsByName();
    void matchesDockListsWhatToReview();
    void reviewWithTheKeyboard();

private:
    QString write(const QByteArray &bytes, const QString &name) { return writeTestFile(m_dir.path(), name, bytes); }
    // Shows the window pointed at the fake and its own cache, and opens `path`; `answer` gets
    // each modal dialog that shows meanwhile (the LEI-column prompt).
    bool open(MainWindow &w, const FakeGleif &fake, const QString &path, const QString &cache,
              const std::function<void(QWidget *)> &answer);
    // Enrich > Find LEIs... with the proposed columns: true once the run ended.
    static bool findLeis(MainWindow &w);
    QTemporaryDir m_dir;
};

namespace {

const QString kHsbc = QStringLiteral("MP6I5ZYZBEU3UXPYFY54");
const QString kLloyds = QStringLiteral("213800MBWEIJDM5CU638");
const QString kFindByName = QStringLiteral("No LEI column: find LEIs by name...");

// Hands each modal dialog that shows while it lives to `handle`.
class DialogAnswerer final
{
public:
    explicit DialogAnswerer(std::function<void(QWidget *)> handle)
    {
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, [this, handle = std::move(handle)] {
            if (QWidget *modal = QApplication::activeModalWidget(); modal && modal->isVisible()) {
                ++m_answered;
                handle(modal);
            }
        });
        m_timer.start();
    }
    int answered() const { return m_answered; }

private:
    QTimer m_timer;
    int m_answered = 0;
};

// Two German entities of one legal name, both ISSUED and ACTIVE: nothing tells them apart.
void addAcmeTwins(FakeGleif &fake)
{
    for (int index : {1, 2}) {
        QJsonObject record = FakeGleif::syntheticRecord(index);
        QJsonObject attributes = record.value(u"attributes").toObject();
        QJsonObject entity = attributes.value(u"entity").toObject();
        entity.insert(QStringLiteral("legalName"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Acme Holding AG")},
                                                               {QStringLiteral("language"), QStringLiteral("de")}});
        QJsonObject address = entity.value(u"legalAddress").toObject();
        address.insert(QStringLiteral("country"), QStringLiteral("DE"));
        entity.insert(QStringLiteral("legalAddress"), address);
        attributes.insert(QStringLiteral("entity"), entity);
        record.insert(QStringLiteral("attributes"), attributes);
        fake.addRecord(record);
    }
}

// exact, ambiguous (two rows), probable (a typo), none without a candidate.
const QByteArray kNames = "notional,rate,counterparty,country\n"
                          "1000,0.5,HSBC BANK PLC,GB\n"
                          "1000,0.5,Acme Holding AG,DE\n"
                          "1000,0.5,Lloyds Bank Corporate Markts PLC,United Kingdom\n"
                          "1000,0.5,Acme Holding AG,DE\n"
                          "1000,0.5,Zebra Widgets Unlimited,\n";

QString matchStatus(const EnrichmentResults &r, qint64 row)
{
    return r.field(row, r.matchColumn() + 2);
}

void acceptFindLeis(QWidget *modal)
{
    if (auto *find = qobject_cast<FindLeisDialog *>(modal))
        find->accept();
}

} // namespace

void MatchesPanelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("matchespanel_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

bool MatchesPanelTest::open(MainWindow &w, const FakeGleif &fake, const QString &path, const QString &cache,
                            const std::function<void(QWidget *)> &answer)
{
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.requestsPerMinute = 100000;
    s.gleif.maxAttempts = 2;
    s.gleif.backoffBase = std::chrono::milliseconds(10);
    s.cachePath = m_dir.filePath(cache);
    w.show();
    w.setEnrichmentSettings(s);
    QSignalSpy ready(&w, &MainWindow::fileReady);
    DialogAnswerer answerer(answer);
    return w.openFile(path) && ready.wait(60000);
}

bool MatchesPanelTest::findLeis(MainWindow &w)
{
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    DialogAnswerer answerer(acceptFindLeis);
    w.findLeis();
    return answerer.answered() == 1 && (finished.size() == 1 || finished.wait(60000));
}

void MatchesPanelTest::proposesColumnsByHeader_data()
{
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<int>("name");
    QTest::addColumn<int>("country");
    QTest::addColumn<int>("bic");
    QTest::newRow("plain") << QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("country"), QStringLiteral("bic")} << 1 << 2 << 3;
    QTest::newRow("counterparty") << QStringList{QStringLiteral("Counterparty"), QStringLiteral("Country Code")} << 0 << 1 << -1;
    QTest::newRow("legal name before a name part") << QStringList{QStringLiteral("trader_name"), QStringLiteral("Legal Name"), QStringLiteral("SWIFT")}
                                                   << 1 << -1 << 2;
    QTest::newRow("counterparty name, its country") << QStringList{QStringLiteral("cpty_id"), QStringLiteral("counterparty_name"),
                                                                   QStringLiteral("counterparty_country"), QStringLiteral("counterparty_bic")}
                                                    << 1 << 2 << 3;
    QTest::newRow("nothing fits") << QStringList{QStringLiteral("notional"), QStringLiteral("rate")} << -1 << -1 << -1;
}

void MatchesPanelTest::proposesColumnsByHeader()
{
    QFETCH(QStringList, header);
    QFETCH(int, name);
    QFETCH(int, country);
    QFETCH(int, bic);
    const MatchColumns proposed = FindLeisDialog::proposed(header);
    QCOMPARE(proposed.name, name);
    QCOMPARE(proposed.country, country);
    QCOMPARE(proposed.bic, bic);
    // The dialog starts with them ("none" first in the optional boxes); an earlier choice wins.
    FindLeisDialog dialog(header, {});
    QCOMPARE(dialog.countryBox()->currentIndex(), country + 1);
    QCOMPARE(dialog.bicBox()->currentIndex(), bic + 1);
    QCOMPARE(dialog.countryBox()->itemText(0), QStringLiteral("none"));
    MatchColumns earlier;
    earlier.name = int(header.size()) - 1;
    earlier.acceptProbable = true;
    FindLeisDialog again(header, earlier);
    QCOMPARE(again.columns().name, earlier.name);
    QCOMPARE(again.columns().country, -1);
    QVERIFY(again.acceptProbableBox()->isChecked());
}

void MatchesPanelTest::findLeisByNameThroughTheDialog()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,bic,counterparty,country\n1000,0.5,,HSBC BANK PLC,GB\n"
                               "1000,0.5,,Lloyds Bank Corporate Markts PLC,GB\n",
                               QStringLiteral("names.csv"));
    MainWindow w;
    // No LEI column: the prompt is dismissed, and Enrich stays off until Find LEIs is chosen.
    QVERIFY(open(w, fake, path, QStringLiteral("names.sqlite"), [](QWidget *modal) {
        if (auto *prompt = qobject_cast<QInputDialog *>(modal))
            prompt->reject();
    }));
    QCOMPARE(w.tableModel()->leiColumn(), -1);
    QVERIFY(!w.job()->isRunning());

    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    bool asked = false;
    {
        DialogAnswerer answerer([&](QWidget *modal) {
            auto *find = qobject_cast<FindLeisDialog *>(modal);
            QVERIFY(find);
            asked = true;
            QCOMPARE(find->nameBox()->currentText(), QStringLiteral("counterparty")); // proposed by header
            QCOMPARE(find->countryBox()->currentText(), QStringLiteral("country"));
            QCOMPARE(find->bicBox()->currentText(), QStringLiteral("bic"));
            find->bicBox()->setCurrentIndex(0); // none
            find->acceptProbableBox()->setChecked(true);
            find->accept();
        });
        w.findLeis();
    }
    QVERIFY(asked);
    QVERIFY(finished.size() == 1 || finished.wait(60000));
    auto r = w.job()->results();
    QVERIFY(r->hasMatching());
    QCOMPARE(r->status(0), RowStatus::Ok); // exact: enriched from the matched LEI
    QCOMPARE(r->answer(0)->lei, kHsbc);
    QCOMPARE(r->field(0, 0), QStringLiteral("HSBC BANK PLC"));
    QCOMPARE(matchStatus(*r, 0), QStringLiteral("exact"));
    QCOMPARE(matchStatus(*r, 1), QStringLiteral("probable"));
    QCOMPARE(r->status(1), RowStatus::Ok); // "Also enrich probable matches"
    QCOMPARE(r->answer(1)->lei, kLloyds);
    QVERIFY(w.statusBar()->findChildren<QLabel *>().constFirst()->text().contains(QStringLiteral("LEI column: none (LEIs found by name)")));

    // Enrich again reuses the choice: no dialog, the same result.
    finished.clear();
    DialogAnswerer none([](QWidget *modal) { QFAIL(qPrintable(QStringLiteral("unexpected dialog: ") + modal->windowTitle())); });
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));
    QCOMPARE(none.answered(), 0);
    r = w.job()->results();
    QCOMPARE(matchStatus(*r, 0), QStringLiteral("exact"));
    QCOMPARE(r->status(1), RowStatus::Ok);
}

void MatchesPanelTest::leiColumnPromptFindsByName()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,name\n1,1,HSBC BANK PLC\n2,1,Zebra Widgets Unlimited\n", QStringLiteral("prompt.csv"));
    MainWindow w;
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QStringList offered;
    QString proposed;
    bool findAsked = false;
    QVERIFY(open(w, fake, path, QStringLiteral("prompt.sqlite"), [&](QWidget *modal) {
        if (auto *prompt = qobject_cast<QInputDialog *>(modal)) {
            offered = prompt->comboBoxItems();
            proposed = prompt->textValue();
            prompt->accept();
        } else if (auto *find = qobject_cast<FindLeisDialog *>(modal)) {
            findAsked = true;
            QCOMPARE(find->nameBox()->currentText(), QStringLiteral("name"));
            find->accept();
        }
    }));
    QCOMPARE(offered, (QStringList{QStringLiteral("notional"), QStringLiteral("rate"), QStringLiteral("name"), kFindByName}));
    QCOMPARE(proposed, kFindByName); // no column holds LEIs, one holds names
    QVERIFY(findAsked);
    QVERIFY(finished.size() == 1 || finished.wait(60000)); // the run starts by itself
    QVERIFY(finished.first().first().toBool());
    const auto r = w.job()->results();
    QCOMPARE(r->leiColumn(), -1);
    QCOMPARE(r->status(0), RowStatus::Ok);
    QCOMPARE(r->field(0, 0), QStringLiteral("HSBC BANK PLC"));
    QCOMPARE(matchStatus(*r, 1), QStringLiteral("none"));
    QCOMPARE(r->status(1), RowStatus::InvalidLei);
}

void MatchesPanelTest::matchesDockListsWhatToReview()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    addAcmeTwins(fake);
    const QString path = write(kNames, QStringLiteral("review.csv"));
    MainWindow w;
    QAbstractItemModelTester tester(w.matchesPanel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(open(w, fake, path, QStringLiteral("review.sqlite"), [](QWidget *modal) {
        if (auto *prompt = qobject_cast<QInputDialog *>(modal))
            prompt->reject();
    }));
    QVERIFY(findLeis(w));
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("matchesDock"));
    QVERIFY(dock && dock->isVisible()); // shown: there is something to review

    // Ambiguous Acme (two rows) first, then the probable Lloyds; the exact row and the one
    // without a candidate are not asked.
    MatchesModel *m = w.matchesPanel()->model();
    QCOMPARE(m->entryCount(), 2);
    const QModelIndex acme = m->entryIndex(0);
    QCOMPARE(acme.data().toString(), QStringLiteral("Acme Holding AG (DE) \u2014 ambiguous (2 entities have this name) \u00b7 rows: 2"));
    QCOMPARE(acme.data(MatchesModel::FirstRowRole).toLongLong(), 1);
    QCOMPARE(m->rowCount(acme), 2);
    QStringList acmeLeis;
    for (int c = 0; c < 2; ++c) {
        QCOMPARE(m->index(c, MatchesModel::Name, acme).data().toString(), QStringLiteral("Acme Holding AG"));
        QCOMPARE(m->index(c, MatchesModel::Score, acme).data().toInt(), 100);
        QVERIFY(m->index(c, MatchesModel::Country, acme).data().toString().startsWith(QStringLiteral("DE"))); // legal address; HQ when elsewhere
        QCOMPARE(m->index(c, MatchesModel::MatchedWords, acme).data().toString(), QStringLiteral("acme, holding"));
        QCOMPARE(m->index(c, MatchesModel::Registration, acme).data().toString(), QStringLiteral("ISSUED"));
        acmeLeis << m->index(c, MatchesModel::Lei, acme).data().toString();
    }
    acmeLeis.sort();
    QCOMPARE(acmeLeis, (QStringList{FakeGleif::syntheticLei(1), FakeGleif::syntheticLei(2)}));

    const QModelIndex lloyds = m->entryIndex(1);
    QCOMPARE(lloyds.data().toString(), QStringLiteral("Lloyds Bank Corporate Markts PLC (GB) \u2014 probable \u00b7 rows: 1"));
    const QModelIndex best = m->index(0, MatchesModel::Score, lloyds);
    QCOMPARE(m->index(0, MatchesModel::Lei, lloyds).data().toString(), kLloyds);
    QCOMPARE(m->index(0, MatchesModel::Name, lloyds).data().toString(), QStringLiteral("LLOYDS BANK CORPORATE MARKETS PLC"));
    QVERIFY2(best.data().toInt() >= 90 && best.data().toInt() < 100, qPrintable(best.data().toString()));
    QCOMPARE(m->index(0, MatchesModel::MatchedWords, lloyds).data().toString(), QStringLiteral("lloyds, bank, corporate"));
    QVERIFY(best.data(Qt::ToolTipRole).toString().contains(QStringLiteral("How the score is made")));
    QVERIFY(m->headerData(MatchesModel::Score, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QStringLiteral("typo")));

    // The best candidate of the first entry is selected, ready for Enter.
    QCOMPARE(w.matchesPanel()->view()->currentIndex().siblingAtColumn(0), m->candidateIndex(0, 0));
}

void MatchesPanelTest::reviewWithTheKeyboard()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    addAcmeTwins(fake);
    const QString path = write(kNames, QStringLiteral("keys.csv"));
    const QString cachePath = m_dir.filePath(QStringLiteral("keys.sqlite"));
    MainWindow w;
    QVERIFY(open(w, fake, path, QStringLiteral("keys.sqlite"), [](QWidget *modal) {
        if (auto *prompt = qobject_cast<QInputDialog *>(modal))
            prompt->reject();
    }));
    QVERIFY(findLeis(w));
    MatchesModel *m = w.matchesPanel()->model();
    QTreeView *view = w.matchesPanel()->view();
    QCOMPARE(m->entryCount(), 2);
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    view->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(view->hasFocus(), 60000);

    // Acme: Down to the second candidate, Enter accepts it; the next entry is selected.
    QCOMPARE(view->currentIndex().siblingAtColumn(0), m->candidateIndex(0, 0));
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().siblingAtColumn(0), m->candidateIndex(0, 1));
    const QString chosen = m->candidateIndex(0, 1).siblingAtColumn(MatchesModel::Lei).data().toString();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(m->entry(0).state, MatchesModel::State::Accepted);
    QCOMPARE(m->entry(0).lei, chosen);
    QCOMPARE(view->currentIndex().siblingAtColumn(0), m->candidateIndex(1, 0));
    {
        LeiCache cache; // in the cache at once: a crash now loses nothing
        QVERIFY(cache.open(cachePath));
        const auto decided = cache.lookupDecisions({{QStringLiteral("Acme Holding AG"), QStringLiteral("DE")}});
        QCOMPARE(decided.value(LeiCache::decisionKey(QStringLiteral("Acme Holding AG")) + QStringLiteral("\nDE")), chosen);
    }

    // Lloyds: Delete rejects every candidate; remembered as a decision without an LEI.
    QTest::keyClick(view, Qt::Key_Delete);
    auto *state = w.matchesPanel()->findChild<QLabel *>(QStringLiteral("matchesState"));
    QVERIFY2(state->text().contains(QStringLiteral("All 2 decided")), qPrintable(state->text()));
    QCOMPARE(m->entry(1).state, MatchesModel::State::Rejected);
    QCOMPARE(m->openCount(), 0);
    {
        LeiCache cache;
        QVERIFY(cache.open(cachePath));
        const auto decided = cache.lookupDecisions({{QStringLiteral("Lloyds Bank Corporate Markts PLC"), QStringLiteral("GB")}});
        const QString key = LeiCache::decisionKey(QStringLiteral("Lloyds Bank Corporate Markts PLC")) + QStringLiteral("\nGB");
        QVERIFY(decided.contains(key));
        QVERIFY(decided.value(key).isEmpty());
    }

    // Enrich Again with Decisions: the accepted rows are enriched from the chosen LEI; the
    // rejected name is listed again as decided, not asked.
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    auto *again = w.matchesPanel()->findChild<QPushButton *>(QStringLiteral("enrichWithDecisions"));
    QVERIFY(again && again->isEnabled());
    again->click();
    QVERIFY(finished.wait(60000));
    const auto r = w.job()->results();
    for (qint64 row : {1, 3}) {
        QCOMPARE(matchStatus(*r, row), QStringLiteral("accepted"));
        QCOMPARE(r->field(row, r->matchColumn()), chosen);
        QCOMPARE(r->status(row), RowStatus::Ok);
        QCOMPARE(r->field(row, 0), QStringLiteral("Acme Holding AG"));
    }
    QCOMPARE(matchStatus(*r, 2), QStringLiteral("probable"));
    QCOMPARE(m->entryCount(), 1);
    QCOMPARE(m->entry(0).name, QStringLiteral("Lloyds Bank Corporate Markts PLC"));
    QCOMPARE(m->entry(0).state, MatchesModel::State::Rejected);
    QVERIFY(m->entryIndex(0).data().toString().contains(QStringLiteral("rejected: none of these")));
}

QTEST_MAIN(MatchesPanelTest)
#include "matchespanel_test.moc"
