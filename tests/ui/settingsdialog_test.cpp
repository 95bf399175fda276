#include "appsettings.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "testfiles.h"

#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class SettingsDialogTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void invalidValuesAreRefusedWithAReason_data();
    void invalidValuesAreRefusedWithAReason();
    void acceptedValuesRoundTripThroughQSettings();
    void fieldsSurviveTheSettingsDialog();
    void environmentGivesDefaultsOnly();
    void mirrorUpdateSettingRoundTrips_data();
    void mirrorUpdateSettingRoundTrips();

private:
    QLineEdit *edit(SettingsDialog &d, int index);
    QTemporaryDir m_dir;
};

void SettingsDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("settingsdialog_test"));
    QSettings().clear();
}

QLineEdit *SettingsDialogTest::edit(SettingsDialog &d, int index)
{
    static const char *names[] = {"apiUrl", "lifetime", "notFoundLifetime", "cachePath", "rulesPath"};
    return d.findChild<QLineEdit *>(QString::fromLatin1(names[index]));
}

void SettingsDialogTest::invalidValuesAreRefusedWithAReason_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("ftp URL") << 0 << QStringLiteral("ftp://example.org") << QStringLiteral("http:// or https://");
    QTest::newRow("no URL") << 0 << QString() << QStringLiteral("http:// or https://");
    QTest::newRow("lifetime words") << 1 << QStringLiteral("a while") << QStringLiteral("cache lifetime is not a duration");
    QTest::newRow("not found longer") << 2 << QStringLiteral("7d") << QStringLiteral("cannot be kept longer");
    QTest::newRow("rules missing") << 4 << QStringLiteral("/nonexistent/rules.json") << QStringLiteral("cost rules cannot be used");
    // A cache path that would cost every lookup its cache: refused, not taken.
    const QString notes = writeTestFile(m_dir.path(), QStringLiteral("notes.txt"), "my notes\n");
    QTest::newRow("cache is a folder") << 3 << m_dir.path() << QStringLiteral("is a folder, not a file");
    QTest::newRow("cache is a text file") << 3 << notes << QStringLiteral("is not an SQLite database");
    QTest::newRow("cache under a file") << 3 << notes + QStringLiteral("/sub/cache.sqlite")
                                        << QStringLiteral("notes.txt is not a folder");
}

void SettingsDialogTest::invalidValuesAreRefusedWithAReason()
{
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(QString, reason);
    SettingsDialog dialog(AppSettings{});
    dialog.show();
    QLineEdit *e = edit(dialog, field);
    QVERIFY(e);
    e->setText(value);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.problemText().contains(reason), qPrintable(dialog.problemText()));
}

void SettingsDialogTest::acceptedValuesRoundTripThroughQSettings()
{
    const QString rules = writeTestFile(m_dir.path(), QStringLiteral("rules.json"),
                                        R"({"rules": {"DE": "notional * 2"}, "default": "1"})");
    SettingsDialog dialog(AppSettings{});
    edit(dialog, 0)->setText(QStringLiteral("http://127.0.0.1:9/api/v1"));
    edit(dialog, 1)->setText(QStringLiteral("2d"));
    edit(dialog, 2)->setText(QStringLiteral("30m"));
    edit(dialog, 4)->setText(rules);
    dialog.findChild<QSpinBox *>(QStringLiteral("batchSize"))->setValue(50);
    auto *neutralise = dialog.findChild<QCheckBox *>(QStringLiteral("neutraliseFormulas"));
    QVERIFY(neutralise && !neutralise->isChecked()); // off by default
    neutralise->setChecked(true);
    auto *source = dialog.findChild<QComboBox *>(QStringLiteral("source"));
    QVERIFY(source);
    QCOMPARE(source->currentData().toInt(), int(EnrichmentSettings::DefaultSource)); // auto
    source->setCurrentIndex(source->findData(int(EnrichmentSettings::Source::Mirror)));
    dialog.findChild<QLineEdit *>(QStringLiteral("mirrorPath"))->setText(m_dir.filePath(QStringLiteral("m.sqlite")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    MainWindow w;
    w.setSettings(dialog.settings());
    QSettings stored;
    const AppSettings back = AppSettings::load(stored);
    QCOMPARE(back.enrichment.gleif.baseUrl.toString(), QStringLiteral("http://127.0.0.1:9/api/v1"));
    QCOMPARE(back.enrichment.lifetime, std::chrono::seconds(2 * 86400));
    QCOMPARE(back.enrichment.notFoundLifetime, std::chrono::seconds(1800));
    QCOMPARE(back.enrichment.gleif.batchSize, 50);
    QCOMPARE(back.rulesPath, rules);
    QVERIFY(back.neutraliseFormulas);
    QCOMPARE(back.enrichment.source, EnrichmentSettings::Source::Mirror);
    QCOMPARE(back.enrichment.mirrorPath, m_dir.filePath(QStringLiteral("m.sqlite")));
    QVERIFY(back.problems().isEmpty());
    // A new window starts with what was saved.
    MainWindow again;
    QCOMPARE(again.settings().enrichment.gleif.batchSize, 50);
    QCOMPARE(again.settings().rulesPath, rules);
}

void SettingsDialogTest::fieldsSurviveTheSettingsDialog()
{
    // The dialog does not show the chosen fields; OK must not put the defaults back.
    AppSettings before;
    before.enrichment.fields = {Fields::Id::LeiWarning, Fields::Id::DirectParentLei};
    SettingsDialog dialog(before);
    dialog.accept();
    QCOMPARE(dialog.settings().enrichment.fields, before.enrichment.fields);
}

void SettingsDialogTest::environmentGivesDefaultsOnly()
{
    QSettings stored;
    stored.clear();
    qputenv("LEI_ENRICHER_API_URL", "http://127.0.0.1:1/env");
    qputenv("LEI_ENRICHER_TTL", "3h");
    AppSettings s = AppSettings::load(stored);
    QCOMPARE(s.enrichment.gleif.baseUrl.toString(), QStringLiteral("http://127.0.0.1:1/env"));
    QCOMPARE(s.enrichment.lifetime, std::chrono::seconds(3 * 3600));
    stored.setValue(QStringLiteral("gleif/apiUrl"), QStringLiteral("https://api.gleif.org/api/v1"));
    s = AppSettings::load(stored);
    QCOMPARE(s.enrichment.gleif.baseUrl.toString(), QStringLiteral("https://api.gleif.org/api/v1")); // saved wins
    qunsetenv("LEI_ENRICHER_API_URL");
    qunsetenv("LEI_ENRICHER_TTL");
}

// "Update the GLEIF mirror when older than N hours": off by default; on, its hours are kept; off
// again, stored as 0 (never).
void SettingsDialogTest::mirrorUpdateSettingRoundTrips_data()
{
    QTest::addColumn<int>("before");
    QTest::addColumn<bool>("check");
    QTest::addColumn<int>("hours");
    QTest::addColumn<int>("after");
    QTest::newRow("turned on") << 0 << true << 6 << 6;
    QTest::newRow("hours changed") << 12 << true << 48 << 48;
    QTest::newRow("turned off") << 12 << false << 12 << 0;
}

void SettingsDialogTest::mirrorUpdateSettingRoundTrips()
{
    QFETCH(int, before);
    QFETCH(bool, check);
    QFETCH(int, hours);
    QFETCH(int, after);
    QCOMPARE(AppSettings{}.mirrorUpdateHours, 0); // off by default
    AppSettings start;
    start.mirrorUpdateHours = before;
    SettingsDialog dialog(start);
    auto *box = dialog.findChild<QCheckBox *>(QStringLiteral("mirrorUpdate"));
    auto *spin = dialog.findChild<QSpinBox *>(QStringLiteral("mirrorUpdateHours"));
    QVERIFY(box && spin);
    QCOMPARE(box->isChecked(), before > 0);
    QCOMPARE(spin->isEnabled(), before > 0);
    box->setChecked(check);
    QCOMPARE(spin->isEnabled(), check);
    spin->setValue(hours);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    {
        QSettings stored;
        dialog.settings().save(stored);
    }
    QSettings stored;
    QCOMPARE(AppSettings::load(stored).mirrorUpdateHours, after);
    SettingsDialog again(AppSettings::load(stored));
    QCOMPARE(again.findChild<QCheckBox *>(QStringLiteral("mirrorUpdate"))->isChecked(), after > 0);
}

QTEST_MAIN(SettingsDialogTest)
#include "settingsdialog_test.moc"
