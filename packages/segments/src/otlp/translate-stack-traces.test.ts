/**
 * The stack trace parsers, with the collector's `cause_test.go` inputs and the frames and
 * causes it expects. `path`/`label` of `""` are the collector's empty values.
 */

import { describe, expect, it } from "vitest";
import { parseDotnetStackTrace } from "./stack-traces/dotnet-stack-trace.ts";
import { parseGoStackTrace } from "./stack-traces/go-stack-trace.ts";
import { parseJavaStackTrace } from "./stack-traces/java-stack-trace.ts";
import { parseJavaScriptStackTrace } from "./stack-traces/javascript-stack-trace.ts";
import type { ParsedException, StackTraceParser } from "./stack-traces/parsed-exception.ts";
import { parsePythonStackTrace } from "./stack-traces/python-stack-trace.ts";

interface Row {
  readonly name: string;
  readonly parser: StackTraceParser;
  readonly type: string;
  readonly message: string;
  readonly stacktrace: string;
  readonly expected: readonly ParsedException[];
}

const JAVA_TOP = `java.lang.IllegalStateException: state is not legal
\tat io.opentelemetry.sdk.trace.RecordEventsReadableSpanTest.recordException(RecordEventsReadableSpanTest.java:626)
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:62)`;

const JAVA_TOP_FRAMES = [
  {
    label: "io.opentelemetry.sdk.trace.RecordEventsReadableSpanTest.recordException",
    path: "RecordEventsReadableSpanTest.java",
    line: 626,
  },
  {
    label: "jdk.internal.reflect.NativeMethodAccessorImpl.invoke0",
    path: "Native Method",
    line: 0,
  },
  {
    label: "jdk.internal.reflect.NativeMethodAccessorImpl.invoke",
    path: "NativeMethodAccessorImpl.java",
    line: 62,
  },
];

const JUNIT_FRAMES = [
  {
    label: "org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute",
    path: "ThrowableCollector.java",
    line: 73,
  },
  {
    label: "org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively",
    path: "NodeTestTask.java",
    line: 0,
  },
];

const PYTHON_MAIN_FRAMES = [
  { label: "greet_many", path: "greetings.py", line: 12 },
  { label: "<module>", path: "main.py", line: 14 },
];

const PYTHON_CAUSE = `Traceback (most recent call last):
  File "bar.py", line 10, in greet_many
    greet(person)
  File "foo.py", line 5, in greet
    print(greeting + ', ' + who_to_greet(someone))
`;

const PYTHON_MAIN = `
During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "main.py", line 14, in <module>
    greet_many(['Chad', 'Dan', 1])
  File "greetings.py", line 12, in greet_many
    print('hi, ' + person)
TypeError: must be str, not int`;

const JS_ERROR = "Cannot read property 'value' of null";

const ROWS: readonly Row[] = [
  {
    name: "Java without a cause",
    parser: parseJavaStackTrace,
    type: "com.foo.Exception",
    message: "Error happened",
    stacktrace: JAVA_TOP,
    expected: [{ type: "com.foo.Exception", message: "Error happened", stack: JAVA_TOP_FRAMES }],
  },
  {
    name: "Java with a cause without a stack",
    parser: parseJavaStackTrace,
    type: "com.foo.Exception",
    message: "Error happened",
    stacktrace: `${JAVA_TOP}\nCaused by: java.lang.IllegalArgumentException: bad argument`,
    expected: [
      { type: "com.foo.Exception", message: "Error happened", stack: JAVA_TOP_FRAMES },
      { type: "java.lang.IllegalArgumentException", message: "bad argument", stack: [] },
    ],
  },
  {
    name: "Java with a cause without a message",
    parser: parseJavaStackTrace,
    type: "com.foo.Exception",
    message: "Error happened",
    stacktrace: `${JAVA_TOP}\nCaused by: java.lang.IllegalArgumentException`,
    expected: [
      { type: "com.foo.Exception", message: "Error happened", stack: JAVA_TOP_FRAMES },
      { type: "java.lang.IllegalArgumentException", message: "", stack: [] },
    ],
  },
  {
    name: "Java with a cause with a stack",
    parser: parseJavaStackTrace,
    type: "com.foo.Exception",
    message: "Error happened",
    stacktrace: `${JAVA_TOP}
Caused by: java.lang.IllegalArgumentException: bad argument
\tat org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)
\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively(NodeTestTask.java)`,
    expected: [
      { type: "com.foo.Exception", message: "Error happened", stack: JAVA_TOP_FRAMES },
      { type: "java.lang.IllegalArgumentException", message: "bad argument", stack: JUNIT_FRAMES },
    ],
  },
  {
    name: "Java skipping common frames, suppressed exceptions and malformed lines",
    parser: parseJavaStackTrace,
    type: "com.foo.Exception",
    message: "Error happened",
    stacktrace: `${JAVA_TOP}
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:62)afaefaef
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:62
\tat java.base/java.util.ArrayList.forEach(ArrayList.java:)
\tSuppressed: Resource$CloseFailException: Resource ID = 2
\t\tat Resource.close(Resource.java:26)\t
\t\tat Foo3.main(Foo3.java:5)
\tSuppressed: Resource$CloseFailException: Resource ID = 1
\t\tat Resource.close(Resource.java:26)
\t\tat Foo3.main(Foo3.java:5)
Caused by: java.lang.IllegalArgumentException: bad argument
\tat org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)
\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively(NodeTestTask.java)
\t... 99 more`,
    expected: [
      {
        type: "com.foo.Exception",
        message: "Error happened",
        stack: [
          ...JAVA_TOP_FRAMES,
          { label: "java.util.ArrayList.forEach", path: "ArrayList.java", line: 0 },
        ],
      },
      { type: "java.lang.IllegalArgumentException", message: "bad argument", stack: JUNIT_FRAMES },
    ],
  },
  {
    name: "PHP (Java format) with two causes",
    parser: parseJavaStackTrace,
    type: "Exception",
    message: "Thrown from class C",
    stacktrace: `Exception: Thrown from class C
\tat C.exc(test.php:74)
\tat main(test.php:89)
Caused by: Exception: Thrown from class B
\tat B.exc(test.php:59)
\tat C.exc(test.php:71)
\t... 3 more
Caused by: Exception: Thrown from class A
\tat A.exc(test.php:48)
\tat B.exc(test.php:56)
\t... 4 more`,
    expected: [
      {
        type: "Exception",
        message: "Thrown from class C",
        stack: [
          { label: "C.exc", path: "test.php", line: 74 },
          { label: "main", path: "test.php", line: 89 },
        ],
      },
      {
        type: "Exception",
        message: "Thrown from class B",
        stack: [
          { label: "B.exc", path: "test.php", line: 59 },
          { label: "C.exc", path: "test.php", line: 71 },
        ],
      },
      {
        type: "Exception",
        message: "Thrown from class A",
        stack: [
          { label: "A.exc", path: "test.php", line: 48 },
          { label: "B.exc", path: "test.php", line: 56 },
        ],
      },
    ],
  },
  {
    name: "PHP with a malformed line",
    parser: parseJavaStackTrace,
    type: "Exception",
    message: "Thrown from class B",
    stacktrace: `Exception: Thrown from class B
\tat B.exc(test.php:59)
\tat fail(test.php:81 malformed
\tat main(test.php:89)`,
    expected: [
      {
        type: "Exception",
        message: "Thrown from class B",
        stack: [
          { label: "B.exc", path: "test.php", line: 59 },
          { label: "main", path: "test.php", line: 89 },
        ],
      },
    ],
  },
  {
    name: "Python without a cause",
    parser: parsePythonStackTrace,
    type: "TypeError",
    message: "must be str, not int",
    stacktrace: `Traceback (most recent call last):
  File "main.py", line 14, in <module>
    greet_many(['Chad', 'Dan', 1])
  File "greetings.py", line 12, in greet_many
    print('hi, ' + person)
TypeError: must be str, not int`,
    expected: [{ type: "TypeError", message: "must be str, not int", stack: PYTHON_MAIN_FRAMES }],
  },
  {
    name: "Python with a cause",
    parser: parsePythonStackTrace,
    type: "TypeError",
    message: "must be str, not int",
    stacktrace: `${PYTHON_CAUSE}ValueError: bad value\n${PYTHON_MAIN}`,
    expected: [
      { type: "TypeError", message: "must be str, not int", stack: PYTHON_MAIN_FRAMES },
      {
        type: "ValueError",
        message: "bad value",
        stack: [
          { label: "greet", path: "foo.py", line: 5 },
          { label: "greet_many", path: "bar.py", line: 10 },
        ],
      },
    ],
  },
  {
    name: "Python with a multi-line cause message",
    parser: parsePythonStackTrace,
    type: "TypeError",
    message: "must be str, not int",
    stacktrace: `${PYTHON_CAUSE}ValueError: bad value\nwith more on\nnew lines\n${PYTHON_MAIN}`,
    expected: [
      { type: "TypeError", message: "must be str, not int", stack: PYTHON_MAIN_FRAMES },
      {
        type: "ValueError",
        message: "bad value\nwith more on\nnew lines",
        stack: [
          { label: "greet", path: "foo.py", line: 5 },
          { label: "greet_many", path: "bar.py", line: 10 },
        ],
      },
    ],
  },
  {
    name: "Python with malformed lines",
    parser: parsePythonStackTrace,
    type: "TypeError",
    message: "must be str, not int",
    stacktrace: `Traceback (most recent call last):
  File "main.py", line 14 in <module>
    greet_many(['Chad', 'Dan', 1])
  File "main.py", lin 14, in <module>
    greet_many(['Chad', 'Dan', 1])
  File "main.py", line 14, fin <module>
    greet_many(['Chad', 'Dan', 1])
  File "greetings.py", line 12, in greet_many
    print('hi, ' + person)
TypeError: must be str, not int`,
    expected: [
      {
        type: "TypeError",
        message: "must be str, not int",
        stack: [
          { label: "greet_many", path: "greetings.py", line: 12 },
          { label: "", path: "main.py", line: 14 },
          { label: "<module>", path: "main.py", line: 0 },
        ],
      },
    ],
  },
  {
    name: "Python with a cause that has no frames",
    parser: parsePythonStackTrace,
    type: "TypeError",
    message: "must be str, not int",
    stacktrace: `Traceback (most recent call last):\nValueError: bad value\n${PYTHON_MAIN}`,
    expected: [{ type: "TypeError", message: "must be str, not int", stack: PYTHON_MAIN_FRAMES }],
  },
  {
    name: "Python with a cause message without a colon",
    parser: parsePythonStackTrace,
    type: "TypeError",
    message: "must be str, not int",
    stacktrace: `${PYTHON_CAUSE}ValueError bad value\n${PYTHON_MAIN}`,
    expected: [{ type: "TypeError", message: "must be str, not int", stack: PYTHON_MAIN_FRAMES }],
  },
  {
    name: "JavaScript",
    parser: parseJavaScriptStackTrace,
    type: "TypeError",
    message: JS_ERROR,
    stacktrace: `TypeError: ${JS_ERROR}
    at speedy (/home/gbusey/file.js:6:11)
    at makeFaster (/home/gbusey/file.js:5:3)
    at Object.<anonymous> (/home/gbusey/file.js:10:1)
    at node.js:906:3
    at Array.forEach (native)
    at native`,
    expected: [
      {
        type: "TypeError",
        message: JS_ERROR,
        stack: [
          { label: "speedy ", path: "/home/gbusey/file.js", line: 6 },
          { label: "makeFaster ", path: "/home/gbusey/file.js", line: 5 },
          { label: "Object.<anonymous> ", path: "/home/gbusey/file.js", line: 10 },
          { label: "", path: "node.js", line: 906 },
          { label: "Array.forEach ", path: "native", line: 0 },
          { label: "", path: "native", line: 0 },
        ],
      },
    ],
  },
  {
    name: "JavaScript with malformed lines",
    parser: parseJavaScriptStackTrace,
    type: "TypeError",
    message: JS_ERROR,
    stacktrace: `TypeError: ${JS_ERROR}
    at speedy (/home/gbusey/file.js)
    at makeFaster (/home/gbusey/file.js:5:3)malformed123
    at Object.<anonymous> (/home/gbusey/file.js:10`,
    expected: [
      {
        type: "TypeError",
        message: JS_ERROR,
        stack: [{ label: "speedy ", path: "/home/gbusey/file.js", line: 0 }],
      },
    ],
  },
  {
    name: ".NET",
    parser: parseDotnetStackTrace,
    type: "System.FormatException",
    message: "Input string was not in a correct format",
    stacktrace: `System.FormatException: Input string was not in a correct format.
\tat System.Number.ThrowOverflowOrFormatException(ParsingStatus status, TypeCode type)
\tat System.Number.ParseInt32(ReadOnlySpan1 value, NumberStyles styles, NumberFormatInfo info)
\tat System.Int32.Parse(String s)
\tat MyNamespace.IntParser.Parse(String s) in C:\\apps\\MyNamespace\\IntParser.cs:line 11
\tat MyNamespace.Program.Main(String[] args) in C:\\apps\\MyNamespace\\Program.cs:line 12`,
    expected: [
      {
        type: "System.FormatException",
        message: "Input string was not in a correct format",
        stack: [
          {
            label:
              "System.Number.ThrowOverflowOrFormatException(ParsingStatus status, TypeCode type)",
            path: "",
            line: 0,
          },
          {
            label:
              "System.Number.ParseInt32(ReadOnlySpan1 value, NumberStyles styles, NumberFormatInfo info)",
            path: "",
            line: 0,
          },
          { label: "System.Int32.Parse(String s)", path: "", line: 0 },
          {
            label: "MyNamespace.IntParser.Parse(String s)",
            path: "C:\\apps\\MyNamespace\\IntParser.cs",
            line: 11,
          },
          {
            label: "MyNamespace.Program.Main(String[] args)",
            path: "C:\\apps\\MyNamespace\\Program.cs",
            line: 12,
          },
        ],
      },
    ],
  },
  {
    name: ".NET with an inner exception and CRLF lines",
    parser: parseDotnetStackTrace,
    type: "System.Exception",
    message: "test",
    stacktrace:
      "System.Exception: Second exception happened\r\n" +
      " ---> System.Exception: Error happened when get weatherforecasts\r\n" +
      "   at TestAppApi.Services.ForecastService.GetWeatherForecasts() in D:\\Users\\foobar\\test-app\\TestAppApi\\Services\\ForecastService.cs:line 9\r\n" +
      "   --- End of inner exception stack trace ---\r\n" +
      "   at TestAppApi.Services.ForecastService.GetWeatherForecasts() in D:\\Users\\foobar\\test-app\\TestAppApi\\Services\\ForecastService.cs:line 12\r\n" +
      "   at TestAppApi.Controllers.WeatherForecastController.Get() in D:\\Users\\foobar\\test-app\\TestAppApi\\Controllers\\WeatherForecastController.cs:line 31",
    expected: [
      {
        type: "System.Exception",
        message: "test",
        stack: [
          {
            label: "TestAppApi.Services.ForecastService.GetWeatherForecasts()",
            path: "D:\\Users\\foobar\\test-app\\TestAppApi\\Services\\ForecastService.cs",
            line: 9,
          },
          {
            label: "TestAppApi.Services.ForecastService.GetWeatherForecasts()",
            path: "D:\\Users\\foobar\\test-app\\TestAppApi\\Services\\ForecastService.cs",
            line: 12,
          },
          {
            label: "TestAppApi.Controllers.WeatherForecastController.Get()",
            path: "D:\\Users\\foobar\\test-app\\TestAppApi\\Controllers\\WeatherForecastController.cs",
            line: 31,
          },
        ],
      },
    ],
  },
  {
    name: "Go",
    parser: parseGoStackTrace,
    type: "Exception",
    message: "error message",
    stacktrace: `goroutine 19 [running]:
go.opentelemetry.io/otel/sdk/trace.recordStackTrace(0x0, 0x0)
\totel-go-core/opentelemetry-go/sdk/trace/span.go:323 +0x9b
go.opentelemetry.io/otel/sdk/trace.(*span).RecordError(0xc0003a6000, 0x14a5f00, 0xc00038c000, 0xc000390140, 0x3, 0x4)
\totel-go-core/opentelemetry-go/sdk/trace/span.go:302 +0x3fc
go.opentelemetry.io/otel/sdk/trace.TestRecordErrorWithStackTrace(0xc000102900)
\totel-go-core/opentelemetry-go/sdk/trace/trace_test.go:1167 +0x3ef
testing.tRunner(0xc000102900, 0x1484410)
\t/usr/local/Cellar/go/1.16.3/libexec/src/testing/testing.go:1193 +0x1a3
created by testing.(*T).Run
\t/usr/local/Cellar/go/1.16.3/libexec/src/testing/testing.go:1238 +0x63c`,
    expected: [
      {
        type: "Exception",
        message: "error message",
        stack: [
          {
            label: "go.opentelemetry.io/otel/sdk/trace.recordStackTrace(0x0, 0x0)",
            path: "otel-go-core/opentelemetry-go/sdk/trace/span.go",
            line: 323,
          },
          {
            label:
              "go.opentelemetry.io/otel/sdk/trace.(*span).RecordError(0xc0003a6000, 0x14a5f00, 0xc00038c000, 0xc000390140, 0x3, 0x4)",
            path: "otel-go-core/opentelemetry-go/sdk/trace/span.go",
            line: 302,
          },
          {
            label: "go.opentelemetry.io/otel/sdk/trace.TestRecordErrorWithStackTrace(0xc000102900)",
            path: "otel-go-core/opentelemetry-go/sdk/trace/trace_test.go",
            line: 1167,
          },
          {
            label: "testing.tRunner(0xc000102900, 0x1484410)",
            path: "/usr/local/Cellar/go/1.16.3/libexec/src/testing/testing.go",
            line: 1193,
          },
          {
            label: "created by testing.(*T).Run",
            path: "/usr/local/Cellar/go/1.16.3/libexec/src/testing/testing.go",
            line: 1238,
          },
        ],
      },
    ],
  },
];

describe("stack trace parsers (collector cause_test.go)", () => {
  it.each(ROWS)("$name", ({ parser, type, message, stacktrace, expected }) => {
    const chain: ParsedException[] = [{ type, message, stack: [] }];
    parser(stacktrace, chain);
    expect(chain).toEqual(expected);
  });

  it.each([
    ["Java", parseJavaStackTrace],
    ["Python", parsePythonStackTrace],
    ["JavaScript", parseJavaScriptStackTrace],
    [".NET", parseDotnetStackTrace],
    ["Go", parseGoStackTrace],
  ] as const)(
    "%s: a one-line or truncated trace finds no cause and does not throw",
    (_, parser) => {
      for (const stacktrace of ["Error: boom", "Caused by: X", "\n", ":", "  File ,a,b\nX: y"]) {
        const chain: ParsedException[] = [{ type: "T", message: "m", stack: [] }];
        parser(stacktrace, chain);
        expect(chain).toHaveLength(1);
      }
    },
  );
});

describe("stack trace parsers on hostile input", () => {
  it.each([
    ["Java", parseJavaStackTrace],
    ["Python", parsePythonStackTrace],
    ["JavaScript", parseJavaScriptStackTrace],
    [".NET", parseDotnetStackTrace],
    ["Go", parseGoStackTrace],
  ] as const)("%s: a 200 000-character line parses and finds no cause", (_, parser) => {
    const long = `goroutine ${"running ".repeat(25_000)}`;
    const chain: ParsedException[] = [{ type: "T", message: "m", stack: [] }];
    parser(`first\n${long}\n${"a".repeat(200_000)}\n${long}`, chain);
    expect(chain).toHaveLength(1);
  });
});
