#include "appsettings.h"
#include "mainwindow.h"
#include "translation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher"));
    QApplication::setOrganizationDomain(QStringLiteral("lei-enricher.org"));
    QApplication::setApplicationName(QStringLiteral("LEI Enricher"));
    QApplication::setApplicationVersion(QStringLiteral(LEI_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.leienricher.LeiEnricher"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.leienricher.LeiEnricher.png")));
    {
        // The language chosen in Settings ("ui/language"), else the system's; before any tr().
        QSettings settings;
        installTranslations(app, AppSettings::load(settings).language);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Enrich transaction CSVs with GLEIF LEI data."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QApplication::translate("main", "CSV file to open"));
    parser.process(app);

    MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().first());
    return app.exec();
}
