package dev.newsprobe.jobs.test;

import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.definition.CacheRefreshJobConfiguration;
import dev.newsprobe.jobs.database.DatabaseConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The jobs with Boot's auto-configuration, as the application runs them, for functional tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ DatabaseConfiguration.class, ArticleAuditJobConfiguration.class, CacheRefreshJobConfiguration.class })
public class JobsTestApplication {

}
