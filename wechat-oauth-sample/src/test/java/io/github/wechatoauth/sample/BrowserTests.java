package io.github.wechatoauth.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sample in a real browser: Debian's Chromium, headless, driven through its own
 * ChromeDriver (packages {@code chromium} and {@code chromium-driver}; nothing is
 * downloaded). Each step saves a screenshot under {@code target/screenshots/}, and any
 * error in the browser's console fails the test. Without the browser the test skips, or
 * fails where {@code WECHAT_IT_REQUIRE_SERVICES=true}.
 */
@ExtendWith(BrowserTests.ChromiumInstalled.class)
class BrowserTests extends SampleAppTestSupport {

	/** Debian's Chromium, or the one {@code WECHAT_IT_CHROMIUM} names (as on GitHub). */
	private static final Path CHROMIUM = executable("WECHAT_IT_CHROMIUM", "/usr/bin/chromium");

	/** Debian's ChromeDriver, or the one {@code WECHAT_IT_CHROMEDRIVER} names. */
	private static final Path CHROMEDRIVER = executable("WECHAT_IT_CHROMEDRIVER", "/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration WAIT = Duration.ofSeconds(15);

	/**
	 * Selenium's CDP bindings lag behind Debian's Chromium and say so at WARNING; the
	 * test's one CDP command (the Accept-Language) needs none of them. Held here, since
	 * java.util.logging keeps its loggers weakly.
	 */
	private static final java.util.logging.Logger CDP_VERSION_FINDER = java.util.logging.Logger
		.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

	private static ChromeDriverService service;

	private static ChromeDriver browser;

	@BeforeAll
	static void startBrowser() throws IOException {
		CDP_VERSION_FINDER.setLevel(Level.SEVERE);
		// The driver's path is given, so Selenium Manager never looks for (or downloads)
		// one.
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1000,1000", "--force-device-scale-factor=1", "--lang=en-US", "--no-first-run",
				"--disable-extensions", "--disable-background-networking", "--disable-component-update");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		browser = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.stop();
		}
	}

	@BeforeEach
	void startAfresh() {
		speak("en-US,en");
		browser.get(baseUrl() + "/");
		browser.manage().deleteAllCookies();
		consoleErrors();
	}

	@Test
	void logsInWithWechatThroughTheSandboxsConsentPage() throws IOException {
		browser.get(baseUrl() + "/");
		assertThat(browser.getTitle()).isEqualTo("Home · wechat-oauth sample");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		screenshot("01-home");

		browser.findElement(By.id("login-wechat")).click();
		waitFor(ExpectedConditions.titleContains("WeChat sandbox"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("微信授权");
		screenshot("02-consent");

		browser.findElement(By.cssSelector("button[value=allow]")).click();
		waitFor(ExpectedConditions.urlToBe(baseUrl() + "/profile"));
		assertThat(browser.findElement(By.id("nickname")).getText()).isEqualTo("王小明");
		assertThat(browser.findElement(By.id("openid")).getText()).isEqualTo("oSbx4Wang_XiaoMing7Tq2LpZ9cA");
		assertThat(browser.findElement(By.id("token-expiry")).getText()).isNotBlank();
		assertThat(browser.findElement(By.id("profile-link")).getText()).isEqualTo("王小明");
		screenshot("03-profile");

		browser.findElement(By.id("logout")).click();
		waitFor(ExpectedConditions.urlToBe(baseUrl() + "/"));
		assertThat(browser.findElements(By.id("profile-link"))).isEmpty();
	}

	@Test
	void logsInInChineseWhenTheBrowserAsksForIt() throws IOException {
		speak("zh-CN,zh;q=0.9");
		browser.get(baseUrl() + "/");
		assertThat(browser.getTitle()).isEqualTo("首页 · wechat-oauth 示例");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("使用微信登录");
		screenshot("10-home-zh");

		browser.findElement(By.id("login-wechat")).click();
		waitFor(ExpectedConditions.titleContains("WeChat sandbox"));
		browser.findElement(By.cssSelector("input[value=hanmeimei]")).click();
		browser.findElement(By.cssSelector("button[value=allow]")).click();

		waitFor(ExpectedConditions.urlToBe(baseUrl() + "/profile"));
		assertThat(browser.getTitle()).isEqualTo("个人资料 · wechat-oauth 示例");
		assertThat(browser.findElement(By.id("nickname")).getText()).isEqualTo("韩梅梅");
		assertThat(browser.findElement(By.id("method")).getText()).isEqualTo("微信授权登录");
		assertThat(browser.findElement(By.id("token")).getText()).contains("分钟后");
		assertThat(browser.findElement(By.id("logout")).getText()).isEqualTo("退出登录");
		screenshot("11-profile-zh");

		browser.findElement(By.id("logout")).click();
		waitFor(ExpectedConditions.urlToBe(baseUrl() + "/"));
		assertThat(browser.findElements(By.id("profile-link"))).isEmpty();
		assertThat(browser.getTitle()).isEqualTo("首页 · wechat-oauth 示例");
	}

	@Test
	void showsARefusalWhenTheUserDenies() throws IOException {
		browser.get(baseUrl() + "/login/wechat");
		waitFor(ExpectedConditions.titleContains("WeChat sandbox"));

		browser.findElement(By.cssSelector("button[value=deny]")).click();

		WebElement refusal = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
		assertThat(refusal.getAttribute("data-reason")).isEqualTo("denied");
		assertThat(refusal.getText()).contains("You declined on WeChat's page");
		screenshot("04-denied");
	}

	@Test
	void refusesATamperedState() throws IOException {
		browser.get(baseUrl() + "/login/wechat");
		waitFor(ExpectedConditions.titleContains("WeChat sandbox"));
		WebElement state = browser.findElement(By.name("state"));
		((JavascriptExecutor) browser).executeScript("arguments[0].value = 'tampered'", state);

		browser.findElement(By.cssSelector("button[value=allow]")).click();

		WebElement refusal = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
		assertThat(refusal.getAttribute("data-reason")).isEqualTo("state");
		assertThat(refusal.getText()).contains("This log-in was refused");
		assertThat(browser.getCurrentUrl()).isEqualTo(baseUrl() + "/refused?reason=state");
		screenshot("05-tampered-state");
		browser.get(baseUrl() + "/profile");
		assertThat(browser.getCurrentUrl()).isEqualTo(baseUrl() + "/");
	}

	@Test
	void followToLogInLogsTheWaitingPageInAfterASimulatedScan() throws IOException {
		browser.get(baseUrl() + "/follow");
		WebElement qr = browser.findElement(By.id("qr"));
		waitFor((driver) -> (Boolean) ((JavascriptExecutor) driver)
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", qr));
		assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("pending");
		screenshot("06-follow");

		new Select(browser.findElement(By.id("scan-user"))).selectByValue("hanmeimei");
		browser.findElement(By.id("simulate-scan")).click();

		// the page polls /follow/status and goes to the profile once the push has arrived
		waitFor(ExpectedConditions.urlToBe(baseUrl() + "/profile"));
		assertThat(browser.findElement(By.id("openid")).getText()).isEqualTo("oSbx2Han_MeiMei6Gj8Xs4UaQ1mK");
		// getFollower: the scan made her follow the account
		assertThat(browser.findElement(By.id("follower-subscribed")).getText()).isEqualTo("yes");
		assertThat(browser.findElement(By.id("follower-unionid")).getText()).isEqualTo("oUbx2Han_MeiMei1Zv6Qe3LsP8xF");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Follow to log in");
		screenshot("07-follow-profile");
	}

	@Test
	void logsInOnPcThroughTheWebsiteLoginPage() throws IOException {
		browser.get(baseUrl() + "/");
		browser.findElement(By.id("login-website")).click();
		waitFor(ExpectedConditions.titleContains("微信登录"));
		screenshot("08-website-login");

		browser.findElement(By.cssSelector("input[value=lilei]")).click();
		browser.findElement(By.cssSelector("button[value=allow]")).click();

		waitFor(ExpectedConditions.urlToBe(baseUrl() + "/profile"));
		assertThat(browser.findElement(By.id("nickname")).getText()).isEqualTo("李雷🐼");
	}

	@Test
	void jsSdkPageShowsTheConfigForItsOwnUrl() throws IOException {
		browser.get(baseUrl() + "/jssdk");
		browser.findElement(By.id("with-query")).click();

		waitFor(ExpectedConditions.urlContains("from=singlemessage"));
		assertThat(browser.findElement(By.id("signed-url")).getText()).isEqualTo(browser.getCurrentUrl());
		assertThat(browser.findElement(By.id("js-signature")).getText()).matches("[0-9a-f]{40}");
		screenshot("09-jssdk");
	}

	/** Sets the browser's Accept-Language, as its language settings would. */
	private static void speak(String acceptLanguage) {
		String userAgent = (String) browser.executeScript("return navigator.userAgent");
		browser.executeCdpCommand("Network.setUserAgentOverride",
				Map.of("userAgent", userAgent, "acceptLanguage", acceptLanguage));
	}

	private static <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
		return new WebDriverWait(browser, WAIT).until(condition);
	}

	/** Saves the page as a PNG, after checking that the console holds no error. */
	private static void screenshot(String name) throws IOException {
		assertThat(consoleErrors()).as("errors in the browser's console on %s", browser.getCurrentUrl()).isEmpty();
		File png = browser.getScreenshotAs(OutputType.FILE);
		Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	/** Reads, and so clears, the console's errors since the last read. */
	private static List<String> consoleErrors() {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::toString)
			.toList();
	}

	private static Path executable(String variable, String debianPath) {
		String path = System.getenv(variable);
		return Path.of((path != null && !path.isBlank()) ? path : debianPath);
	}

	/**
	 * Disables the class, so that Surefire counts its tests as skipped, when Debian's
	 * Chromium or ChromeDriver is missing; fails it instead where services are required.
	 */
	static final class ChromiumInstalled implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
				return ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed");
			}
			String message = CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: install Debian's chromium and chromium-driver packages (or point WECHAT_IT_CHROMIUM and "
					+ "WECHAT_IT_CHROMEDRIVER at a Chromium and its driver) to run the browser test";
			if ("true".equals(System.getenv("WECHAT_IT_REQUIRE_SERVICES"))) {
				fail(message);
			}
			// Surefire does not say why a class was skipped: say it on the console.
			System.err
				.println("[SKIPPED] " + message + "; skipping. Set WECHAT_IT_REQUIRE_SERVICES=true to fail instead.");
			return ConditionEvaluationResult.disabled(message);
		}

	}

}
