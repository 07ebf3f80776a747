package com.privacycasemanager.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium through Debian's ChromeDriver (test tools cannot download browsers
 * here). Without them a local run skips browser tests; under CI=true it fails, because .ci/run
 * installs them and a silent skip would hide a broken setup.
 */
final class BrowserSupport {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private BrowserSupport() {}

  /** A browser with JavaScript switched off: the consumer pages must work without it. */
  static ChromeDriver withoutJavaScript(Map<String, String> extraHeaders) throws IOException {
    return start(extraHeaders, false);
  }

  static ChromeDriver start(Map<String, String> extraHeaders, boolean javascript) throws IOException {
    boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
      }
      assumeTrue(false, "Debian chromium and chromium-driver are not installed");
    }
    Path profile = Files.createTempDirectory("pcm-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
    if (!javascript) {
      options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    // a form post answers with a new page; wait for its elements rather than racing the navigation
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    if (!extraHeaders.isEmpty()) {
      driver.executeCdpCommand("Network.enable", Map.of());
      driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", extraHeaders));
    }
    return driver;
  }

  /**
   * Logs into a Camunda webapp already showing its login form. The form is rendered by the
   * webapp's scripts, which can still be redrawing it when the fields first appear: every value is
   * checked before submitting (a garbled password would count as a failed login and lock the user
   * for a while), and the login is tried again if the form stays.
   */
  static void loginToCamunda(ChromeDriver browser, String user, String password) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    By userField = By.cssSelector("input[type=text]");
    By passwordField = By.cssSelector("input[type=password]");
    for (int attempt = 1; ; attempt++) {
      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(userField));
      name.clear();
      name.sendKeys(user);
      WebElement secret = browser.findElement(passwordField);
      secret.clear();
      secret.sendKeys(password);
      if (!user.equals(name.getAttribute("value")) || !password.equals(secret.getAttribute("value"))) {
        continue;
      }
      secret.submit();
      try {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(passwordField));
        return;
      } catch (org.openqa.selenium.TimeoutException stillThere) {
        if (attempt == 3) {
          throw stillThere;
        }
      }
    }
  }

  /** The path and query of a link a mail carries (links use privacy.public-base-url; tests serve on a random port). */
  static String path(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  static String lastMailTo(com.icegreen.greenmail.util.GreenMail mail, String address) throws Exception {
    jakarta.mail.internet.MimeMessage[] all = mail.getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1));
    for (int i = all.length - 1; i >= 0; i--) {
      if (all[i].getAllRecipients()[0].toString().equals(address)) {
        return (String) all[i].getContent();
      }
    }
    throw new AssertionError("no mail to " + address);
  }

  static String find(java.util.regex.Pattern pattern, String text) {
    java.util.regex.Matcher m = pattern.matcher(text);
    org.assertj.core.api.Assertions.assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m.group(1);
  }

  /**
   * Clicks what leads to another page (a submit button, a link) and waits until the page it was on
   * is gone, so that what the test reads next is the new page, not the old one's {@code main}.
   */
  static void clickToNextPage(ChromeDriver browser, By what) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(what).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
  }

  /** Kept under target/screenshots as a test artifact. */
  static void screenshot(ChromeDriver browser, String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
  }

  /** As {@link #screenshot}, of the whole page: the window is as tall as the page while it is taken. */
  static void fullPageScreenshot(ChromeDriver browser, String name) throws IOException {
    Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    int height = ((Number) ((Map<?, ?>) metrics.get("cssContentSize")).get("height")).intValue();
    org.openqa.selenium.Dimension before = browser.manage().window().getSize();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), Math.min(height + 150, 8000)));
    try {
      screenshot(browser, name);
    } finally {
      browser.manage().window().setSize(before);
    }
  }

  /**
   * In a Camunda Form open in Tasklist: claims the task, ticks {@code approved}, writes the review
   * note, keeps a screenshot and completes the task.
   */
  static void claimApproveAndComplete(ChromeDriver reviewer, String note, String screenshotName) throws IOException {
    WebDriverWait wait = new WebDriverWait(reviewer, Duration.ofSeconds(30));
    By claim = By.xpath("//a[normalize-space()='Claim'] | //button[normalize-space()='Claim']");
    wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
    WebElement approve = reviewer.findElement(By.xpath("//input[@type='checkbox' and (contains(@id,'Field_Approved') or @name='approved')]"));
    reviewer.executeScript("arguments[0].scrollIntoView({block: 'center'});", approve);
    approve.click();
    WebElement text = reviewer.findElement(By.cssSelector("textarea[id$='Field_ReviewNote'], textarea[name='reviewNote']"));
    reviewer.executeScript("arguments[0].scrollIntoView({block: 'center'});", text);
    text.sendKeys(note);
    screenshot(reviewer, screenshotName);
    WebElement complete = reviewer.findElement(By.xpath("//button[normalize-space()='Complete']"));
    reviewer.executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete)).click();
  }
}
