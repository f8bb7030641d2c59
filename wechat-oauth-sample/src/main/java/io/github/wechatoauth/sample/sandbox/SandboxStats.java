package io.github.wechatoauth.sample.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts what the sandbox served: requests per endpoint, and the errors it answered per
 * endpoint and code. Shown at {@code /sandbox/stats}; tests read it to see what the SDK
 * called.
 */
@Component
@ConditionalOnSandbox
public class SandboxStats {

	private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

	private final Map<String, Map<Integer, LongAdder>> errors = new ConcurrentHashMap<>();

	/**
	 * Counts a request.
	 * @param endpoint the endpoint, such as {@code sns/userinfo}
	 */
	public void countRequest(String endpoint) {
		this.requests.computeIfAbsent(endpoint, (key) -> new LongAdder()).increment();
	}

	/**
	 * Counts an error answer.
	 * @param endpoint the endpoint
	 * @param errcode the code it answered
	 */
	public void countError(String endpoint, int errcode) {
		this.errors.computeIfAbsent(endpoint, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(errcode, (key) -> new LongAdder())
			.increment();
	}

	/**
	 * Returns how many requests an endpoint served.
	 * @param endpoint the endpoint, such as {@code cgi-bin/stable_token}
	 * @return the count
	 */
	public long requests(String endpoint) {
		LongAdder count = this.requests.get(endpoint);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Returns how many times an endpoint answered an error code.
	 * @param endpoint the endpoint
	 * @param errcode the code
	 * @return the count
	 */
	public long errors(String endpoint, int errcode) {
		LongAdder count = this.errors.getOrDefault(endpoint, Map.of()).get(errcode);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Returns every count, sorted: {@code requests} by endpoint, {@code errors} by
	 * endpoint and code.
	 * @return the counts
	 */
	public Map<String, Object> snapshot() {
		Map<String, Long> requests = new TreeMap<>();
		this.requests.forEach((endpoint, count) -> requests.put(endpoint, count.sum()));
		Map<String, Map<String, Long>> errors = new TreeMap<>();
		this.errors.forEach((endpoint, codes) -> {
			Map<String, Long> byCode = new TreeMap<>();
			codes.forEach((code, count) -> byCode.put(String.valueOf(code), count.sum()));
			errors.put(endpoint, byCode);
		});
		return Map.of("requests", requests, "errors", errors);
	}

	/**
	 * Names the endpoint a request went to: its mapping's path below {@code /sandbox/},
	 * such as {@code sns/userinfo} or {@code avatar/{key}/{size}}.
	 * @param request the request
	 * @return the endpoint
	 */
	public static String endpointOf(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String path = (pattern != null) ? pattern.toString()
				: request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/sandbox/") ? path.substring("/sandbox/".length()) : path;
	}

}
