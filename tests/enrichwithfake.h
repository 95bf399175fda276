#pragma once
// One enrichment run against a fake GLEIF of its own, no cache: the results, or null when the
// run could not start or end (tests of what is built on the results).
#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "fakegleif.h"

#include <QSignalSpy>

#include <memory>

inline std::shared_ptr<const EnrichmentResults> enrichWithFake(const std::shared_ptr<CsvFile> &file,
                                                              const FakeGleif::Options &options = {})
{
    FakeGleif fake;
    fake.setOptions(options);
    if (!fake.listen())
        return {};
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.useCache = false;
    EnrichmentJob job;
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    if (!job.start(file, file->findColumn(), CostRules::defaults(), s, &error) || !finished.wait(60000))
        return {};
    return job.results();
}
