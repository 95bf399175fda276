#include "csvloader.h"

#include "lei.h"
#include "xlsxsheet.h"

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
    if (Xlsx::isWorkbook(path))
        return openWorkbook(path, options, error);
    // A file that cannot be read leaves the one being loaded alone.
    auto file = CsvFile::open(path, options, error);
    if (!file)
        return file;
    cancel();
    waitForFinished();
    ++m_generation;
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

std::shared_ptr<CsvFile> CsvLoader::openWorkbook(const QString &path, const CsvOptions &options,
                                                 QString *error)
{
    // The first rows are converted here, so they show at once; the rest on the worker.
    std::shared_ptr<Xlsx::Conversion> conversion = Xlsx::Conversion::start(path, options, 2000, error);
    if (!conversion)
        return nullptr;
    cancel();
    waitForFinished();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancelFlag = m_cancel;
    std::shared_ptr<CsvFile> head = conversion->head();
    m_future = QtConcurrent::run([this, conversion, head, cancelFlag, generation]() mutable {
        Q_EMIT rowsAvailable(head->rowCount(), 0, 1);
        std::shared_ptr<CsvFile> full;
        QString error;
        if (!conversion->headIsAll()) {
            QElapsedTimer sinceEmit;
            sinceEmit.start();
            full = conversion->finish([&](qint64 done, qint64 total) {
                if (sinceEmit.elapsed() >= 50 && !cancelFlag->load()) {
                    sinceEmit.restart();
                    Q_EMIT rowsAvailable(head->rowCount(), done, qMax(done, total));
                }
            }, cancelFlag.get(), &error);
            if (full)
                full->index();
        }
        const bool complete = error.isEmpty() && !cancelFlag->load();
        // Let go of the converted copy here: the task itself is deleted later, on its thread.
        conversion.reset();
        head.reset();
        // Delivered on the loader's thread, and only when no later open() replaced this file.
        QMetaObject::invokeMethod(this, [this, full, error, complete, generation] {
            if (generation != m_generation)
                return;
            if (full)
                Q_EMIT fileReplaced(full);
            if (!error.isEmpty())
                Q_EMIT failed(error);
            Q_EMIT finished(complete);
        }, Qt::QueuedConnection);
    });
    return head;
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
