// Which quoted texts of compiled JavaScript are import specifiers: every form of import, and no
// string, template, comment or regular expression that only quotes one.
import { describe, expect, it } from "vitest";
import { importSpecifiers, replaceSpecifiers } from "./import-specifiers.js";

const specs = (js: string) => importSpecifiers(js).map((s) => s.spec);

describe("importSpecifiers", () => {
  it("finds every form of import and re-export, with where its text is", () => {
    const js = [
      `import { send } from "./lib/channels.js";`,
      `import {\n  limit, // don't inline: it's shared\n  window as w, /* "x" */\n} from "./lib/rate";`,
      `import def, * as all from './a.js';`,
      `import "./side.js";`,
      `export * from "./b.js";`,
      `export * as ns from "./c.js";`,
      `export {\n  backoffSeconds, // don't inline\n  createQueues,\n} from "./lib/impl.js";`,
      `const m = await import(/* lazily */ "./d.js");`,
      "const n = await import(`./e.js`, { with: {} });",
      `import * as up from "..";`,
      `import { broker } from "mqtutor/broker";`,
    ].join("\n");
    expect(specs(js)).toEqual([
      "./lib/channels.js",
      "./lib/rate",
      "./a.js",
      "./side.js",
      "./b.js",
      "./c.js",
      "./lib/impl.js",
      "./d.js",
      "./e.js",
      "..",
      "mqtutor/broker",
    ]);
    for (const s of importSpecifiers(js)) expect(js.slice(s.start, s.end)).toBe(s.spec);
  });

  it("takes nothing that only quotes an import: strings, templates, comments, regular expressions, properties", () => {
    const js = [
      `const why = "moved from './inbox' to the DLQ";`,
      `log('run: import "../x.js" first', 'call import("./lib/impl.js") later');`,
      "const help = `",
      `import { a } from "./lib/rate.js"`,
      `export * from "../x.js"`,
      "`;",
      "const t = `${n} import(\"./y.js\") ${`nested ${'import(\"./z.js\")'}`}`;",
      `// import { b } from "./commented.js";`,
      `/* export * from "./block.js"; */`,
      `const re = /import\\("\\.\\/re.js"\\)/g;`,
      `const ratio = total / 2; const other = "import('./after-division.js')" / 3;`,
      `x.import("./method.js"); loader.export;`,
      `export { a, b };`,
      `export const from = "./not-a-clause.js";`,
      `import(\`./lib/\${n}.js\`);`,
    ].join("\n");
    expect(specs(js)).toEqual([]);
  });

  it("keeps going after code that ends in a template or a regular expression", () => {
    const js = "const a = `x${1}y`;\nconst r = /[/]\"/;\nexport { v } from \"./after.js\";\n";
    expect(specs(js)).toEqual(["./after.js"]);
  });
});

describe("replaceSpecifiers", () => {
  it("replaces the specifiers it is given new ones for, keeping each string whole whatever its quotes", () => {
    const js = `import a from './a.js';\nimport b from "./b.js";\nconst c = await import(\`./c.js\`);\nconst s = "./a.js";\n`;
    const url = (spec: string) => (spec === "./b.js" ? undefined : `file:///home/ada's "ws"/\${x}\`/${spec.slice(2)}`);
    const out = replaceSpecifiers(js, url);
    expect(out).toBe(
      `import a from 'file:///home/ada%27s %22ws%22/%24{x}%60/a.js';\nimport b from "./b.js";\n` +
        `const c = await import(\`file:///home/ada%27s %22ws%22/%24{x}%60/c.js\`);\nconst s = "./a.js";\n`,
    );
    // Percent-encoding is what a file URL allows: the path comes back as it was.
    expect(decodeURIComponent("file:///home/ada%27s %22ws%22/%24{x}%60/a.js")).toBe("file:///home/ada's \"ws\"/${x}`/a.js");
  });
});
