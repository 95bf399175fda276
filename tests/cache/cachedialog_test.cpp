#include "cachedialog.h"
#include "cacheentrymodel.h"
#include "cachetestdata.h"
#include "leicache.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace Data = CacheTestData;

namespace {
const QDateTime T0 = QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);

// Answers the next message box with `button` once it is shown (it runs its own event loop).
void answerNextMessageBox(QMessageBox::StandardButton button, bool *seen)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *seen = true;
        box->button(button)->click();
        timer->deleteLater();
    });
    timer->start();
}
} // namespace

class CacheDialogTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void showsCountsAndFirstPage();
    void search();
    void deleteSelected();
    void purgeExpired();
    void clearAll_data();
    void clearAll();
    void showsDamageWarning();

private:
    template<typename T> T *child(CacheDialog &dialog, const char *name)
    {
        T *w = dialog.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LeiCache> m_cache;
    QDateTime m_now = T0;
};

void CacheDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_now = T0;
    m_cache = std::make_unique<LeiCache>([this] { return m_now; });
    QVERIFY(m_cache->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    QList<LookupResult> batch;
    for (int n = 0; n < 600; ++n) {
        // 0-99 expired (30 h old), every 10th not found.
        const QDateTime fetched = n < 100 ? T0.addSecs(-30 * 3600) : T0.addSecs(-60);
        batch.append(n % 10 == 0 ? Data::notFound(Data::lei(n), fetched) : Data::found(n, fetched));
    }
    QVERIFY(m_cache->store(batch));
}

void CacheDialogTest::cleanup()
{
    m_cache.reset();
    m_dir.reset();
}

void CacheDialogTest::showsCountsAndFirstPage()
{
    CacheDialog dialog(m_cache.get());
    QCOMPARE(dialog.model()->rowCount(), CacheEntryModel::DefaultPageSize); // lazy: one page
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(false);
    dialog.model()->reload(); // undo what the tester's constructor fetched
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString counts = child<QLabel>(dialog, "countsLabel")->text();
    QVERIFY2(counts.contains(u"600") && counts.contains(u"500 fresh") && counts.contains(u"100 expired")
                 && counts.contains(u"60 not found"),
             qPrintable(counts));
    QVERIFY(!child<QLabel>(dialog, "sizeLabel")->text().isEmpty());
    QVERIFY(!child<QLabel>(dialog, "datesLabel")->text().isEmpty());
    QVERIFY(child<QLabel>(dialog, "warningLabel")->isHidden());
    auto *view = child<QTableView>(dialog, "entriesView");
    QCOMPARE(view->model(), dialog.model());
    QCOMPARE(dialog.model()->rowCount(), CacheEntryModel::DefaultPageSize);
    QCOMPARE(dialog.model()->index(0, CacheEntryModel::LeiColumn).data().toString(), Data::lei(0));
    QVERIFY(!child<QPushButton>(dialog, "deleteButton")->isEnabled()); // nothing selected yet
    QVERIFY(child<QPushButton>(dialog, "purgeButton")->isEnabled());

    // Scrolling to the end loads the rest.
    view->scrollToBottom();
    QTRY_VERIFY(dialog.model()->rowCount() > CacheEntryModel::DefaultPageSize);
}

void CacheDialogTest::search()
{
    CacheDialog dialog(m_cache.get());
    dialog.show();
    auto *search = child<QLineEdit>(dialog, "searchEdit");
    QTest::keyClicks(search, QStringLiteral("entity 12"));
    // 12, 120-129 less 120 (not found): 10 rows, after the typing delay.
    QTRY_COMPARE(dialog.model()->rowCount(), 10);
    QCOMPARE(dialog.model()->filter(), QStringLiteral("entity 12"));
    search->clear();
    QTRY_COMPARE(dialog.model()->filter(), QString());
    QCOMPARE(dialog.model()->rowCount(), CacheEntryModel::DefaultPageSize);
}

void CacheDialogTest::deleteSelected()
{
    CacheDialog dialog(m_cache.get());
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(false);
    dialog.model()->reload();
    dialog.show();
    auto *view = child<QTableView>(dialog, "entriesView");
    auto *remove = child<QPushButton>(dialog, "deleteButton");
    view->selectRow(1);
    QVERIFY(remove->isEnabled());
    view->selectionModel()->select(dialog.model()->index(3, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QStringList gone{Data::lei(1), Data::lei(3)};
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(m_cache->countEntries(QString()), 598);
    QVERIFY(m_cache->lookup(gone).isEmpty());
    QCOMPARE(dialog.model()->leiAt(1), Data::lei(2));
    QVERIFY(child<QLabel>(dialog, "countsLabel")->text().startsWith(u"598"));
    QVERIFY(!remove->isEnabled());
}

void CacheDialogTest::purgeExpired()
{
    CacheDialog dialog(m_cache.get());
    dialog.show();
    QTest::mouseClick(child<QPushButton>(dialog, "purgeButton"), Qt::LeftButton);
    QCOMPARE(m_cache->countEntries(QString()), 500);
    QCOMPARE(dialog.model()->leiAt(0), Data::lei(100));
    QVERIFY(child<QLabel>(dialog, "countsLabel")->text().startsWith(u"500"));
    QVERIFY(!child<QPushButton>(dialog, "purgeButton")->isEnabled()); // nothing left to purge
}

void CacheDialogTest::clearAll_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("confirmed") << true;
    QTest::newRow("cancelled") << false;
}

void CacheDialogTest::clearAll()
{
    QFETCH(bool, confirm);
    CacheDialog dialog(m_cache.get());
    dialog.show();
    bool asked = false;
    answerNextMessageBox(confirm ? QMessageBox::Yes : QMessageBox::Cancel, &asked);
    QTest::mouseClick(child<QPushButton>(dialog, "clearButton"), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(m_cache->countEntries(QString()), confirm ? 0 : 600);
    QCOMPARE(dialog.model()->rowCount(), confirm ? 0 : CacheEntryModel::DefaultPageSize);
    QCOMPARE(child<QPushButton>(dialog, "clearButton")->isEnabled(), !confirm);
}

void CacheDialogTest::showsDamageWarning()
{
    const QString path = m_dir->filePath(QStringLiteral("damaged.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("SQLite format 3\0", 16) + QByteArray(5000, '\x07')); // an SQLite file that fails to read
    f.close();
    LeiCache cache;
    QVERIFY(cache.open(path));
    CacheDialog dialog(&cache);
    dialog.show();
    auto *warning = child<QLabel>(dialog, "warningLabel");
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(u".corrupt-"));
    QCOMPARE(dialog.model()->rowCount(), 0);
}

QTEST_MAIN(CacheDialogTest)
#include "cachedialog_test.moc"
