package io.github.wechatoauth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up stopped by an {@link InvalidWechatPropertyException}: which
 * {@code wechat.*} property is wrong and how to set it.
 */
class WechatPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWechatPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWechatPropertyException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
