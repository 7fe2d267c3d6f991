# The application of layering-*.Dockerfile: a tiny web service (its code changes often,
# its dependencies seldom: the good Dockerfile copies them in that order).
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello from a well-layered image\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
