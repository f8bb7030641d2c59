package io.github.wechatoauth.internal.json;

import java.io.Serial;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A JSON object did not fit the type it was bound to. The message names the field, never
 * its value. Internal.
 */
public final class JsonBindingException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final @Nullable String field;

	JsonBindingException(@Nullable String field) {
		super((field != null) ? "field " + field + " does not fit" : "the JSON does not fit");
		this.field = field;
	}

	/**
	 * Returns the field that did not fit, as a path such as {@code expires_in} or
	 * {@code action_info.scene}.
	 * @return the path, or {@code null} if the library did not say
	 */
	public @Nullable String getField() {
		return this.field;
	}

	/**
	 * Makes the exception for a binding failure, naming the field of the first exception
	 * in its chain that has a path.
	 * @param failure what the library threw
	 * @param pathOf the path of one exception of the chain, empty if it has none
	 */
	static JsonBindingException of(Throwable failure, Function<Throwable, List<String>> pathOf) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			List<String> names = pathOf.apply(cause);
			if (!names.isEmpty()) {
				StringBuilder path = new StringBuilder();
				for (String name : names) {
					if (!name.startsWith("[") && path.length() > 0) {
						path.append('.');
					}
					path.append(name);
				}
				return new JsonBindingException(path.toString());
			}
		}
		return new JsonBindingException(null);
	}

}
