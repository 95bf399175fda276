#include "csvloader.h"

#include "lei.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

CsvLoader::CsvLoader(QObject *parent)
    : QObject(parent)
{
}

CsvLoader::~CsvLoader()
{
    cancel();
    waitForFinished();
}

std::shared_ptr<CsvFile> CsvLoader::open(const QString &path, const CsvOptions &options,
                                         QString *error)
{
    // A file that cannot be read leaves the one being loaded alone.
    auto file = CsvFile::open(path, options, error);
    if (!file)
        return file;
    cancel();
    waitForFinished();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancelFlag = m_cancel;
    m_future = QtConcurrent::run([this, file, cancelFlag] {
        QElapsedTimer sinceEmit;
        sinceEmit.start();
        bool first = true;
        CsvFile::IndexObserver observer;
        observer.cancel = cancelFlag.get();
        observer.progress = [&](qint64 rows, qint64 done, qint64 total) {
            // The first rows go out at once so the table fills before the file is indexed.
            if (first || done == total || sinceEmit.elapsed() >= 50) {
                first = false;
                sinceEmit.restart();
                if (!cancelFlag->load())
                    Q_EMIT rowsAvailable(rows, done, total);
            }
        };
        const bool complete = file->index(observer);
        if (!cancelFlag->load())
            Q_EMIT finished(complete);
    });
    return file;
}

void CsvLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

bool CsvLoader::isRunning() const
{
    return m_future.isRunning();
}

void CsvLoader::waitForFinished()
{
    m_future.waitForFinished();
}

qint64 countInvalidLeis(const CsvFile &file, int column, const std::atomic_bool *cancel)
{
    qint64 invalid = 0;
    const qint64 rows = file.rowCount();
    for (qint64 r = 0; r < rows; ++r) {
        if ((r & 0xFFFF) == 0) {
            file.releaseRows(r - 0x10000, r);
            if (cancel && cancel->load())
                break;
        }
        if (!Lei::isValid(Lei::normalise(file.cell(r, column))))
            ++invalid;
    }
    return invalid;
}
