"""Shared state and helpers of check_seed.py: paths, the required entries of
the brief, the problem/note lists every check appends to, NormalizeKey and
the field checks (length, slug, list)."""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PROTO_DIR = os.path.join(REPO, "proto")
GOOGLEAPIS = os.environ.get(
    "GOOGLEAPIS_DIR", "/usr/share/gocode/src/github.com/gogo/googleapis")
METROS_SQL = os.path.join(REPO, "db", "migrations", "0002_metros.sql")

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ATTR_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

REQUIRED_ROLES = {
    "ai-engineer": ("AI Engineer", "ai"),
    "software-engineer": ("Software Engineer", "software"),
    "ai-ml-engineer": ("AI/ML Engineer", "ai"),
    "ai-software-engineer": ("AI Software Engineer", "ai"),
    "ml-engineer": ("ML Engineer", "ai"),
    "data-scientist": ("Data Scientist", "data"),
}
REQUIRED_SKILLS = {
    "rag": ["retrieval augmented generation", "retrieval-augmented generation"],
    "aws": ["amazon web services"], "rust": [], "python": [],
    "azure": ["microsoft azure"], "gcp": ["google cloud", "google cloud platform"],
    "prompt-engineering": [], "openai": ["openai api"], "kubernetes": ["k8s"],
    "docker": [], "claude": ["anthropic claude"], "pytorch": [], "tensorflow": [],
    "jax": [], "typescript": [], "javascript": [], "java": [], "go": ["golang"],
    "sql": [], "react": [], "mlflow": [],
    "weights-and-biases": ["wandb", "weights & biases"],
    "vector-databases": [], "fine-tuning": [], "langchain": [],
    "hugging-face": ["huggingface"],
    "llms": ["large language models", "llm"], "machine-learning": ["ml"],
    "deep-learning": [], "nlp": ["natural language processing"],
    "computer-vision": [], "mlops": ["mlops and model deployment"],
    "system-design": [], "cloud-platforms": [],
    "full-stack-development": ["full stack", "full-stack"],
    "devops-ci-cd": ["devops and ci/cd", "ci/cd"],
    "deep-learning-frameworks": [], "cloud-ai-platforms": [],
    "spark": ["apache spark"], "data-pipelines": [], "api-design": [],
    "microservices": [],
}
REQUIRED_METROS = [
    "san-francisco", "new-york", "los-angeles", "seattle", "austin", "boston",
    "chicago", "denver", "washington-dc", "atlanta", "san-diego", "miami",
    "dallas", "raleigh", "san-jose",
]

problems = []
notes = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


def normalize_key(name):
    """Python twin of compdata::NormalizeKey (common/normalize.cc): ASCII
    lower case; every run of bytes other than [A-Za-z0-9+#] and bytes >= 0x80
    folded to one space; trimmed. Works on UTF-8 bytes, so non-ASCII letters
    are kept as they are (not case-folded)."""
    out = bytearray()
    pending_space = False
    for b in name.encode("utf-8"):
        keep = (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122
                or b in (0x2B, 0x23) or b >= 0x80)
        if not keep:
            pending_space = len(out) > 0
            continue
        if pending_space:
            out.append(0x20)
        pending_space = False
        out.append(b + 32 if 65 <= b <= 90 else b)
    return out.decode("utf-8")




def check_len(where, field, value, lo, hi):
    if not lo <= len(value) <= hi:
        problem(where, f"{field} has {len(value)} characters, allowed {lo}..{hi}")


def check_slug(where, field, value, allow_empty=False):
    if allow_empty and value == "":
        return
    if not SLUG_RE.match(value) or len(value) > 64:
        problem(where, f"{field} {value!r} is not a valid slug "
                       "(^[a-z0-9]+(-[a-z0-9]+)*$, at most 64 characters)")


def check_list(where, field, items, max_items=20, max_len=500):
    if len(items) > max_items:
        problem(where, f"{field} has {len(items)} items, at most {max_items}")
    for i, item in enumerate(items):
        check_len(where, f"{field}[{i}]", item, 1, max_len)
        if item != item.strip():
            problem(where, f"{field}[{i}] has leading or trailing whitespace")

