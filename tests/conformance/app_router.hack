<?hh
// A mini web app: a router with path parameters, controllers implementing an
// interface, an in-memory model store, HTML rendering by string
// concatenation with htmlspecialchars (HHVM leaves ' unescaped), 404/500s.

final class Request {
  public function __construct(public string $method, public string $path, public dict<string, string> $query = dict[]) {}
}

final class Response {
  public function __construct(public int $status, public string $body) {}
}

interface Controller {
  public function handle(Request $req, dict<string, string> $params): Response;
}

final class Post {
  public function __construct(public int $id, public string $title, public string $body, public vec<string> $tags) {}
}

final class Store {
  private dict<int, Post> $posts = dict[];
  public function add(Post $p): void { $this->posts[$p->id] = $p; }
  public function find(int $id): ?Post { return $this->posts[$id] ?? null; }
  public function all(): vec<Post> { return Vec\map($this->posts, $p ==> $p); }
}

function h(string $s): string { return htmlspecialchars($s); }

function layout(string $title, string $content): string {
  return "<html><head><title>" . h($title) . "</title></head>\n<body>\n" . $content . "</body></html>";
}

final class IndexController implements Controller {
  public function __construct(private Store $store) {}
  public function handle(Request $req, dict<string, string> $params): Response {
    $tag = $req->query['tag'] ?? null;
    $items = "";
    foreach ($this->store->all() as $p) {
      if ($tag !== null && !C\contains($p->tags, $tag)) { continue; }
      $items .= "  <li><a href=\"/posts/" . $p->id . "\">" . h($p->title) . "</a></li>\n";
    }
    $heading = $tag === null ? "All posts" : "Posts tagged " . $tag;
    return new Response(200, layout($heading, "<h1>" . h($heading) . "</h1>\n<ul>\n" . $items . "</ul>\n"));
  }
}

final class PostController implements Controller {
  public function __construct(private Store $store) {}
  public function handle(Request $req, dict<string, string> $params): Response {
    $p = $this->store->find((int)$params['id']);
    if ($p === null) {
      return new Response(404, layout("Not found", "<p>No post " . h($params['id']) . "</p>\n"));
    }
    $tags = implode(" ", Vec\map($p->tags, $t ==> "<span class=\"tag\">" . h($t) . "</span>"));
    return new Response(200, layout($p->title, "<h1>" . h($p->title) . "</h1>\n<p>" . h($p->body) . "</p>\n<p>" . $tags . "</p>\n"));
  }
}

final class CrashController implements Controller {
  public function handle(Request $req, dict<string, string> $params): Response {
    throw new RuntimeException("database on fire: <" . $params['what'] . ">");
  }
}

final class Route {
  public function __construct(public string $method, public vec<string> $pattern, public Controller $controller) {}
}

final class Router {
  private vec<Route> $routes = vec[];
  public function add(string $method, string $pattern, Controller $c): void {
    $this->routes[] = new Route($method, Vec\filter(explode("/", $pattern), $s ==> $s !== ""), $c);
  }
  public function dispatch(Request $req): Response {
    $segs = Vec\filter(explode("/", $req->path), $s ==> $s !== "");
    foreach ($this->routes as $r) {
      $method = $r->method;
      $pattern = $r->pattern;
      $controller = $r->controller;
      if ($method !== $req->method || count($pattern) !== count($segs)) { continue; }
      $params = dict[];
      $ok = true;
      foreach ($pattern as $i => $p) {
        if (Str\starts_with($p, ":")) {
          $params[Str\slice($p, 1)] = $segs[$i];
        } else if ($p !== $segs[$i]) {
          $ok = false;
          break;
        }
      }
      if (!$ok) { continue; }
      try {
        return $controller->handle($req, $params);
      } catch (Exception $e) {
        return new Response(500, layout("Error", "<pre>" . h(get_class($e) . ": " . $e->getMessage()) . "</pre>\n"));
      }
    }
    return new Response(404, layout("Not found", "<p>No route for " . h($req->method . " " . $req->path) . "</p>\n"));
  }
}

<<__EntryPoint>>
function main(): void {
  $store = new Store();
  $store->add(new Post(1, "Hello & welcome", "First post: <b>bold</b> claims", vec["intro", "meta"]));
  $store->add(new Post(2, "Tom's \"quoted\" title", "It's 5 > 3 & 2 < 4", vec["math"]));
  $store->add(new Post(3, "Tags <script>", "x", vec["meta", "security"]));
  $router = new Router();
  $router->add("GET", "/", new IndexController($store));
  $router->add("GET", "/posts/:id", new PostController($store));
  $router->add("GET", "/crash/:what", new CrashController());
  $requests = vec[
    new Request("GET", "/"),
    new Request("GET", "/", dict['tag' => 'meta']),
    new Request("GET", "/posts/2"),
    new Request("GET", "/posts/9"),
    new Request("POST", "/posts/1"),
    new Request("GET", "/crash/x&y"),
    new Request("GET", "/posts/1/"),
  ];
  foreach ($requests as $req) {
    $res = $router->dispatch($req);
    echo "== ", $req->method, " ", $req->path, " -> ", $res->status, " (", strlen($res->body), " bytes)\n", $res->body, "\n";
  }
}
