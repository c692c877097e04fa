/* sample_product.c: the history of the sample product, commit by commit.
 *
 *  #  day author               files (A added, M modified, D deleted)             side
 *  1   0  Alice                A README.md .mailmap package.json app/main.js        non-ML
 * (+excluded) 2   1  Alice                A app/keyboard.js app/style.css non-ML 3   2  Bob A
 * model/train.py model/vocab.py                      ML 4   3  Bob                  A
 * model/predict.py, M model/train.py                 ML 5   4  alice (home email)   M
 * app/keyboard.js model/predict.py                   both 6   5  Carol (branch theme) M
 * app/style.css, A assets/logo.png                   non-ML (+excluded) 7   6  Bob M
 * model/train.py, A notebooks/explore.ipynb          ML 8   7  Alice                merge of theme
 * (no changed paths counted) 9   8  dependabot[bot]      M package.json non-ML (bot) 10   9  Alice
 * M app/main.js model/predict.py app/keyboard.js       both 11  10  Carol                M
 * app/keyboard.js                                    non-ML 12  11  Alice                M
 * README.md                                          excluded only 13  12  Bob                  M
 * model/train.py, D model/vocab.py                   ML
 *
 * The .mailmap maps alice@home.example to Alice Smith <alice@example.com>. With
 * samples/rules/sample.rules (`ml model/`), model/ is ML, the notebook is ML by default, README.md,
 * .mailmap and assets/logo.png are excluded by default, and the rest is non-ML. */
#include "samples/sample_product.h"

#include "samples/fixture.h"

#include <git2.h>

#define ALICE "Alice Smith", "alice@example.com"
#define ALICE_HOME "alice", "alice@home.example"
#define BOB "Bob Jones", "bob@example.com"
#define CAROL "Carol Wu", "carol@example.com"
#define BOT "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"
#define DAY(k) ((gint64)RHEA_SAMPLE_T0 + (gint64)(k)*RHEA_SAMPLE_DAY)

/* Offsets in minutes: Alice in Berlin, Bob in New York, Carol in India. */
enum { CET = 60, EST = -300, IST = 330, UTC = 0 };

int rhea_sample_product_build(const char *path, GError **error)
{
    RheaFixture *fx = rhea_fixture_new(path, FALSE, error);
    if (!fx)
        return -1;
    int rc = 0;
    /* Each step is one call; rc collects failures so the history reads top to bottom. */
    rc |= rhea_fixture_write(fx, "README.md",
                             "# wordwise\nA keyboard that suggests the next word.\n");
    rc |= rhea_fixture_write(fx, ".mailmap",
                             "Alice Smith <alice@example.com> <alice@home.example>\n");
    rc |= rhea_fixture_write(
        fx, "package.json",
        "{\"name\": \"wordwise\", \"dependencies\": {\"@tensorflow/tfjs\": \"3\"}}\n");
    rc |= rhea_fixture_write(fx, "app/main.js",
                             "import {Keyboard} from './keyboard.js';\nnew Keyboard().show();\n");
    rc |= rhea_fixture_commit(fx, ALICE, DAY(0), CET, "Start the keyboard app", NULL);

    rc |= rhea_fixture_write(fx, "app/keyboard.js", "export class Keyboard {\n  show() {}\n}\n");
    rc |= rhea_fixture_write(fx, "app/style.css", ".key { width: 2em; }\n");
    rc |= rhea_fixture_commit(fx, ALICE, DAY(1), CET, "Add the keyboard view", NULL);

    rc |= rhea_fixture_write(fx, "model/train.py",
                             "import tensorflow as tf\n\ndef train(corpus):\n    pass\n");
    rc |= rhea_fixture_write(fx, "model/vocab.py",
                             "def vocab(corpus):\n    return sorted(set(corpus))\n");
    rc |= rhea_fixture_commit(fx, BOB, DAY(2), EST, "Train the next-word model", NULL);

    rc |= rhea_fixture_write(fx, "model/predict.py",
                             "import tensorflow as tf\n\ndef predict(words):\n    return []\n");
    rc |= rhea_fixture_write(fx, "model/train.py",
                             "import tensorflow as tf\n\ndef train(corpus, epochs=3):\n    pass\n");
    rc |= rhea_fixture_commit(fx, BOB, DAY(3), EST, "Add prediction", NULL);

    rc |= rhea_fixture_write(fx, "app/keyboard.js",
                             "export class Keyboard {\n  show() {}\n  suggest(words) {}\n}\n");
    rc |=
        rhea_fixture_write(fx, "model/predict.py",
                           "import tensorflow as tf\n\ndef predict(words, k=3):\n    return []\n");
    rc |= rhea_fixture_commit(fx, ALICE_HOME, DAY(4), CET, "Show suggestions from the model", NULL);

    rc |= rhea_fixture_checkout(fx, "theme");
    rc |= rhea_fixture_write(fx, "app/style.css", ".key { width: 2em; background: #222; }\n");
    rc |= rhea_fixture_write_mode(fx, "assets/logo.png", "\x89PNG\r\n\x1a\n\0\0\0\0", 12, 0);
    rc |= rhea_fixture_commit(fx, CAROL, DAY(5), IST, "Dark theme", NULL);

    rc |= rhea_fixture_checkout(fx, "main");
    rc |= rhea_fixture_write(fx, "model/train.py",
                             "import tensorflow as tf\n\ndef train(corpus, epochs=5):\n    pass\n");
    rc |= rhea_fixture_write(fx, "notebooks/explore.ipynb", "{\"cells\": []}\n");
    rc |= rhea_fixture_commit(fx, BOB, DAY(6), EST, "Explore the corpus", NULL);

    rc |= rhea_fixture_merge(fx, "theme", ALICE, DAY(7), CET, "Merge branch 'theme'", NULL);

    rc |= rhea_fixture_write(
        fx, "package.json",
        "{\"name\": \"wordwise\", \"dependencies\": {\"@tensorflow/tfjs\": \"4\"}}\n");
    rc |= rhea_fixture_commit(fx, BOT, DAY(8), UTC, "Bump @tensorflow/tfjs from 3 to 4", NULL);

    rc |= rhea_fixture_write(fx, "app/main.js",
                             "import {Keyboard} from './keyboard.js';\nimport {load} from "
                             "'./model.js';\nnew Keyboard(load()).show();\n");
    rc |= rhea_fixture_write(
        fx, "model/predict.py",
        "import tensorflow as tf\n\nMODEL = None\n\ndef predict(words, k=3):\n    return []\n");
    rc |= rhea_fixture_write(fx, "app/keyboard.js",
                             "export class Keyboard {\n  constructor(model) { this.model = model; "
                             "}\n  show() {}\n  suggest(words) {}\n}\n");
    rc |= rhea_fixture_commit(fx, ALICE, DAY(9), CET, "Load the model at start-up", NULL);

    rc |= rhea_fixture_write(fx, "app/keyboard.js",
                             "export class Keyboard {\n  constructor(model) { this.model = model; "
                             "}\n  show() { this.size = 3; }\n  suggest(words) {}\n}\n");
    rc |= rhea_fixture_commit(fx, CAROL, DAY(10), IST, "Bigger keys", NULL);

    rc |= rhea_fixture_write(
        fx, "README.md",
        "# wordwise\nA keyboard that suggests the next word.\n\nThe model lives in model/.\n");
    rc |= rhea_fixture_commit(fx, ALICE, DAY(11), CET, "Document the model", NULL);

    rc |= rhea_fixture_remove(fx, "model/vocab.py");
    rc |= rhea_fixture_write(fx, "model/train.py",
                             "import tensorflow as tf\n\ndef vocab(corpus):\n    return "
                             "sorted(set(corpus))\n\ndef train(corpus, epochs=5):\n    pass\n");
    rc |= rhea_fixture_commit(fx, BOB, DAY(12), EST, "Fold vocab into training", NULL);

    if (rc != 0) {
        const git_error *e = git_error_last();
        g_set_error(error, RHEA_FIXTURE_ERROR, 1, "%s: cannot write the sample: %s", path,
                    e ? e->message : "unknown error");
        rhea_fixture_free(fx);
        return -1;
    }
    return rhea_fixture_finish(fx, error);
}
