package dev.newsprobe.jobs.probe;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code newsprobe.probe.*} bound as Spring Boot binds it at start, from the property names the README
 * documents: host headers in particular, whose host names hold dots.
 */
class ProbePropertiesTests {

	@Test
	void hostHeadersBindAsDocumentedWhateverDotsTheHostHas() {
		ProbeProperties properties = bind(Map.of("newsprobe.probe.host-headers.example.com.Cookie", "consent=1",
				"newsprobe.probe.host-headers.news.example.co.uk.X-Api-Key", "k1",
				"newsprobe.probe.host-headers[cdn.example.org].Authorization", "Bearer t",
				"newsprobe.probe.host-headers.127.0.0.1.X-Probe", "yes"));

		assertThat(properties.policy().hostHeaders())
			.containsEntry("example.com", Map.of("Cookie", "consent=1"))
			.containsEntry("news.example.co.uk", Map.of("X-Api-Key", "k1"))
			.containsEntry("cdn.example.org", Map.of("Authorization", "Bearer t"))
			.containsEntry("127.0.0.1", Map.of("X-Probe", "yes"))
			.hasSize(4);
	}

	@Test
	void aHostWrittenInUpperCaseIsTheSameHost() {
		ProbeProperties properties = bind(Map.of("newsprobe.probe.host-headers.Example.COM.Cookie", "a=1"));

		assertThat(properties.policy().hostHeaders()).containsOnlyKeys("example.com");
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { ".Cookie; Cookie; is not a host", ".example.com.Host; example.com.Host; Host is set by newsprobe itself",
			".example.com.Content-Length; example.com.Content-Length; Content-Length is set by newsprobe itself",
			".1.2.3.4.5.Cookie; 1.2.3.4.5.Cookie; is not a host", "[-example.com.Cookie]; -example.com.Cookie; is not a host",
			"[exa mple.com.Cookie]; exa mple.com.Cookie; is not a host",
			"[example.com.Bad(Name)]; example.com.Bad(Name); is not a header name",
			"[example.com.]; example.com.; is not a header name" })
	void aMalformedEntryIsRefusedAtStartNamingIt(String written, String key, String why) {
		assertThatThrownBy(() -> bind(Map.of("newsprobe.probe.host-headers" + written, "x")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("newsprobe.probe.host-headers." + key + " is refused")
			.hasMessageContaining(why);
	}

	@Test
	void aValueThatWouldStartAnotherHeaderIsRefused() {
		assertThatThrownBy(() -> bind(Map.of("newsprobe.probe.host-headers.example.com.Cookie", "a=1\r\nX-Evil: 1")))
			.rootCause()
			.hasMessageContaining("line break");
	}

	@Test
	void withoutHostHeadersNoneAreSent() {
		assertThat(bind(Map.of()).policy().hostHeaders()).isEmpty();
	}

	private static ProbeProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("newsprobe.probe",
				ProbeProperties.class);
	}

}
